import { describe, expect, it } from 'vitest';
import { dayjs, DISPLAY_TZ } from '../../shared/time';
import { meetingFieldsBody, valuesOfMeeting, type MeetingFormValues } from './meetingFormValues';
import { flat, flatReply, nested, type Reply } from './meetingSettingsValues';
import type { MeetingDetail } from './types';

const settings: Reply['settings'] = {
  frequency: { branch_assembly: 'month', committee: 'month', group: 'month', lecture: 'quarter', theme_day: 'month', life_meeting: 'year', evaluation: 'year' },
  themeDayOfMonth: 10, lifeMeetingQuarter: 4, evaluationQuarter: 4, evaluationWithLifeMeeting: true, dueSoonDays: 14, remindBeforeHours: 24,
};

describe('the §5 settings in the RuleSettings form (RULES.md §5)', () => {
  it('holds the frequencies flat, one field per kind, and nests them again unchanged', () => {
    const f = flat(settings);
    expect(f.branch_assembly).toBe('month');
    expect(f.themeDayOfMonth).toBe(10);
    expect('frequency' in f).toBe(false);
    expect(nested(f)).toEqual(settings);
  });
  it('keeps the bounds and who may edit', () => {
    const bounds = { themeDayOfMonth: { minimum: 1, maximum: 28 }, dueSoonDays: { minimum: 1, maximum: 60 }, remindBeforeHours: { minimum: 1, maximum: 168 } };
    const r = flatReply({ settings, defaults: settings, canEdit: false, bounds, allowed: { lecture: ['quarter', 'month'] } });
    expect(r).toMatchObject({ canEdit: false, bounds, allowed: { lecture: ['quarter', 'month'] } });
    expect(r.defaults.lecture).toBe('quarter');
  });
});

describe('the meeting form', () => {
  const meeting = {
    orgUnitId: 'u', kind: 'branch_assembly', title: '支部党员大会', period: '2026-Q4', plannedStartAt: '2026-11-30T06:30:00.000Z', plannedEndAt: '2026-11-30T08:00:00.000Z',
    place: '三楼会议室', online: false, videoLink: null, host: { personId: 'h', name: '主持人' }, recorder: null, lecturer: '', description: '',
    agenda: [{ id: 'a', title: '传达精神', presenter: '书记', durationMinutes: 20 }],
  } as unknown as MeetingDetail;

  it('fills the form from a meeting in Beijing time and saves the same instants back (a round trip changes nothing)', () => {
    const v = valuesOfMeeting(meeting) as MeetingFormValues;
    expect(v.start.format('YYYY-MM-DD HH:mm')).toBe('2026-11-30 14:30');
    expect(v.duration).toBe(90);
    expect(v.hostPersonId).toBe('h');
    const body = meetingFieldsBody(v, v.agenda);
    expect(body).toMatchObject({ plannedStartAt: meeting.plannedStartAt, plannedEndAt: meeting.plannedEndAt, period: '2026-Q4', place: '三楼会议室', recorderPersonId: null });
    // The agenda keeps what the form does not show (presenter, duration).
    expect(body.agenda).toEqual([{ title: '传达精神', presenter: '书记', durationMinutes: 20 }]);
  });

  it('drops empty agenda lines and an empty video link; no period lets the server choose', () => {
    const v: MeetingFormValues = { orgUnitId: 'u', kind: 'group', start: dayjs.tz('2026-12-01 09:00', DISPLAY_TZ), duration: 60, online: true, notify: false, videoLink: '' };
    const body = meetingFieldsBody(v, [{ title: ' ' }, { title: '学习' }]);
    expect(body.agenda).toEqual([{ title: '学习' }]);
    expect(body.videoLink).toBeNull();
    expect('period' in body).toBe(false);
    expect(body.plannedStartAt).toBe('2026-12-01T01:00:00.000Z');
  });
});
