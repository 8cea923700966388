/** The meeting form's values and how they map to the API (planning and editing share them). */
import type { Dayjs } from 'dayjs';
import { dayjs, DISPLAY_TZ } from '../../shared/time';
import type { MeetingDetail, MeetingKind } from './types';

export interface AgendaValue { title: string; presenter?: string; durationMinutes?: number | null }
export interface MeetingFormValues {
  orgUnitId: string; kind: MeetingKind; title?: string; period?: string; start: Dayjs; duration: number; place?: string; online: boolean;
  videoLink?: string; hostPersonId?: string; recorderPersonId?: string; lecturer?: string; description?: string;
  agenda?: AgendaValue[]; notify: boolean;
}

// The server names its fields; the form asks for a start and a duration instead of two instants.
export const SERVER_FIELDS = ['orgUnitId', 'kind', 'title', 'period', 'plannedStartAt', 'plannedEndAt', 'place', 'videoLink', 'hostPersonId', 'recorderPersonId', 'lecturer', 'description'];
export const FORM_FIELD: Record<string, keyof MeetingFormValues> = { plannedStartAt: 'start', plannedEndAt: 'duration' };

/** The body fields both POST /api/meetings and PUT /api/meetings/:id take. */
export function meetingFieldsBody(v: MeetingFormValues, agenda: readonly AgendaValue[] | undefined) {
  const startAt = dayjs(v.start).tz(DISPLAY_TZ, true);
  return {
    title: v.title ?? '', ...(v.period ? { period: v.period } : {}), plannedStartAt: startAt.toISOString(),
    plannedEndAt: startAt.add(v.duration, 'minute').toISOString(), place: v.place ?? '', online: v.online, videoLink: v.videoLink || null,
    hostPersonId: v.hostPersonId ?? null, recorderPersonId: v.recorderPersonId ?? null, lecturer: v.lecturer ?? '', description: v.description ?? '',
    agenda: (agenda ?? []).filter((a) => a?.title?.trim()).map((a) => ({
      title: a.title, ...(a.presenter ? { presenter: a.presenter } : {}), ...(a.durationMinutes ? { durationMinutes: a.durationMinutes } : {}),
    })),
  };
}

/** The form's values for an existing meeting (times as wall-clock in Asia/Shanghai, as the picker shows them). */
export function valuesOfMeeting(m: MeetingDetail): Partial<MeetingFormValues> {
  const start = dayjs(m.plannedStartAt).tz(DISPLAY_TZ);
  return {
    orgUnitId: m.orgUnitId, kind: m.kind, title: m.title, period: m.period, start, duration: dayjs(m.plannedEndAt).diff(dayjs(m.plannedStartAt), 'minute'),
    place: m.place, online: m.online, videoLink: m.videoLink ?? undefined, hostPersonId: m.host?.personId, recorderPersonId: m.recorder?.personId,
    lecturer: m.lecturer, description: m.description, notify: false,
    agenda: m.agenda.map((a) => ({ title: a.title, presenter: a.presenter, durationMinutes: a.durationMinutes })),
  };
}

