/**
 * Kysely types of this module's tables (listed in platform/db/schema.ts `DB`); migration 0030_meetings.sql.
 * The live room (room/, votes) builds on these tables and reads them through ./api.ts.
 */
import type { ColumnType, Generated } from 'kysely';

/**
 * RULES.md §5: 支部党员大会, 支部委员会会议, 党小组会, 党课, 主题党日, 组织生活会, 民主评议党员.
 */
export type MeetingKind = 'branch_assembly' | 'committee' | 'group' | 'lecture' | 'theme_day' | 'life_meeting' | 'evaluation';
export const MEETING_KINDS: readonly MeetingKind[] = ['branch_assembly', 'committee', 'group', 'lecture', 'theme_day', 'life_meeting', 'evaluation'];

export type MeetingStatus = 'planned' | 'notified' | 'in_progress' | 'held' | 'cancelled';
export const MEETING_STATUSES: readonly MeetingStatus[] = ['planned', 'notified', 'in_progress', 'held', 'cancelled'];

export type AttendeeRole = 'member' | 'committee' | 'guest';
export type Attendance = 'pending' | 'present' | 'leave' | 'absent';
export type LeaveState = 'requested' | 'approved' | 'rejected';
/** How a sign-in was made: the room's rotating QR code, its button (online), or recorded by the host. */
export type SignInChannel = 'qr' | 'button' | 'manual';
export type MaterialKind = 'link' | 'library' | 'file';

export interface MeetingsTable {
  id: string;
  tenant_id: string;
  /** The 党支部 (or 党总支); for kind 'group' the 党小组. */
  org_unit_id: string;
  kind: MeetingKind;
  title: string;
  /** The §5 period this meeting fulfils: '2026', '2026-Q1' or '2026-03' (rules.ts periodOf). */
  period: string;
  planned_start_at: Date;
  planned_end_at: Date;
  held_start_at: Date | null;
  held_end_at: Date | null;
  place: Generated<string>;
  online: Generated<boolean>;
  video_link: string | null;
  status: Generated<MeetingStatus>;
  host_person_id: string | null;
  recorder_person_id: string | null;
  lecturer: Generated<string>;
  description: Generated<string>;
  minutes: Generated<string>;
  minutes_updated_at: Date | null;
  minutes_updated_by: string | null;
  minutes_signed_at: Date | null;
  minutes_signed_by: string | null;
  minutes_signed_name: string | null;
  notified_at: Date | null;
  /** When the reminder before the start went out (migration 0032). */
  reminded_at: Generated<Date | null>;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface MeetingAgendaItemsTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  position: number;
  title: string;
  presenter: Generated<string>;
  duration_minutes: number | null;
}

export interface MeetingAttendeesTable {
  tenant_id: string;
  meeting_id: string;
  person_id: string;
  person_name: string;
  /** The party status when the list was drawn ('full', 'probationary', …). */
  party_status: string;
  role: Generated<AttendeeRole>;
  /** 正式党员 vote; 预备党员 do not (RULES.md §5). */
  voting: boolean;
  attendance: Generated<Attendance>;
  leave_state: LeaveState | null;
  leave_reason: string | null;
  leave_requested_at: Date | null;
  leave_decided_at: Date | null;
  leave_decided_by: string | null;
  leave_decision_note: string | null;
  signed_in_at: Date | null;
  sign_in_channel: SignInChannel | null;
  added_at: Generated<Date>;
}

export interface MeetingMaterialsTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  title: string;
  kind: MaterialKind;
  /** An http(s) URL, a library reference, or for a file its original name. */
  ref: string;
  /** kind 'file': the stored file (platform/files stored_files; migration 0038). */
  file_id: ColumnType<string | null, string | null | undefined, never>;
  added_by: string | null;
  added_at: Generated<Date>;
}

export interface MeetingResolutionsTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  position: number;
  text: string;
  /** The room's vote that adopted it, when there was one. */
  vote_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

/**
 * The compliance view's facts per unit, kind and year (migration 0039), written only by the trigger on meetings: per
 * period of the year a bit (0 the year, 1–4 the quarters, 5–16 the months; rules.ts yearBit).
 */
export interface MeetingMarksTable {
  tenant_id: string;
  year: number;
  org_unit_id: string;
  kind: MeetingKind;
  on_time: number;
  late: number;
  planned: number;
}

export interface MeetingTables {
  meetings: MeetingsTable;
  meeting_agenda_items: MeetingAgendaItemsTable;
  meeting_attendees: MeetingAttendeesTable;
  meeting_materials: MeetingMaterialsTable;
  meeting_resolutions: MeetingResolutionsTable;
  meeting_marks: MeetingMarksTable;
}
