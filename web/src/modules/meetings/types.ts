/** Meeting models, derived from the API by route (shared/api-models.ts does the same for other modules). */
import type { ResponseOf } from '../../shared/api-models';

export type MeetingDetail = ResponseOf<'/api/meetings/{id}', 'get'>;
export type MeetingListItem = ResponseOf<'/api/meetings', 'get'>['items'][number];
export type MeetingKind = MeetingDetail['kind'];
export type MeetingStatus = MeetingDetail['status'];
export type Attendee = MeetingDetail['attendees'][number];
export type Compliance = ResponseOf<'/api/meetings/compliance', 'get'>;
export type BranchCompliance = Compliance['items'][number];
export type Light = BranchCompliance['light'];
export type PlannableUnit = ResponseOf<'/api/meetings/units', 'get'>['items'][number];
export type InboxPage = ResponseOf<'/api/notifications', 'get'>;

export const KINDS: readonly MeetingKind[] = ['branch_assembly', 'committee', 'group', 'lecture', 'theme_day', 'life_meeting', 'evaluation'];
export const STATUS_COLORS: Record<MeetingStatus, string> = { planned: 'default', notified: 'processing', in_progress: 'orange', held: 'success', cancelled: 'default' };
export const LIGHT_COLORS: Record<Light, string> = { green: '#52c41a', amber: '#faad14', red: '#f5222d', open: '#d9d9d9', future: '#f0f0f0' };
export const LIGHT_TAG: Record<Light, string> = { green: 'success', amber: 'warning', red: 'error', open: 'default', future: 'default' };

export const meetingKeys = {
  all: ['meetings'] as const,
  list: (p: Record<string, unknown>) => ['meetings', 'list', p] as const,
  mine: (when: string, page: number) => ['meetings', 'mine', when, page] as const,
  detail: (id: string) => ['meetings', 'detail', id] as const,
  compliance: (p: Record<string, unknown>) => ['meetings', 'compliance', p] as const,
  units: ['meetings', 'units'] as const,
  people: (unitId: string) => ['meetings', 'people', unitId] as const,
  inbox: (page: number) => ['notifications', page] as const,
};
