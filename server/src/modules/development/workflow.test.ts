// The workflow over recorded steps (RULES.md §2): facts read back from the steps, which rules a step is checked
// against, and exceptions carried from the 支部大会 to the 党委 approval.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../members/calendar.js';
import { DEFAULT_DEVELOPMENT_SETTINGS } from '../members/rules.js';
import { checkNewStep, daysWaiting, factsFrom, nextSteps, type RecordedStep } from './workflow.js';

const S = DEFAULT_DEVELOPMENT_SETTINGS;
const step = (kind: RecordedStep['kind'], on: string, extra: Partial<RecordedStep> = {}): RecordedStep => ({ kind, on, detail: {}, people: [], excepted: [], ...extra });
const person = { status: 'candidate' as const, birthDate: '2000-03-10' };
const CANDIDATE: RecordedStep[] = [
  step('application', '2024-01-08'), step('talk', '2024-01-20'),
  step('activist', '2024-03-04', { people: [{ role: 'contact', status: 'full' }, { role: 'contact', status: 'full' }] }),
  step('candidate', '2025-03-10', { detail: { publicity: { from: '2025-02-24', to: '2025-02-28' } } }),
  step('political_review', '2025-04-01'),
  step('training', '2025-04-10', { detail: { training: { days: 1, hours: 8 } } }), step('training', '2025-04-20', { detail: { training: { days: 1, hours: 8 } } }),
  step('pretrial', '2025-05-06', { detail: { submittedOn: '2025-04-15' } }),
];
const meeting = (excepted: string[] = []) => step('admission_meeting', '2025-05-20', {
  people: [{ role: 'introducer', status: 'full' }, { role: 'introducer', status: 'full' }], detail: { publicity: { from: '2025-05-06', to: '2025-05-12' } }, excepted,
});

describe('workflow over recorded steps (RULES.md §2)', () => {
  it('reads the facts back from the steps: contacts, summed training, introducers, 公示', () => {
    const f = factsFrom(person, [...CANDIDATE, meeting()]);
    expect(f).toMatchObject({ appliedOn: '2024-01-08', talkedOn: '2024-01-20', activistOn: '2024-03-04', contactCount: 2, training: { days: 2, hours: 16 }, pretrialSubmittedOn: '2025-04-15', admissionMeetingOn: '2025-05-20' });
    expect(f.introducers).toEqual([{ status: 'full' }, { status: 'full' }]);
    expect(f.publicity?.probationary).toEqual({ from: '2025-05-06', to: '2025-05-12' });
  });

  it('checks the 支部大会 against the 预备党员 rules: training under 3 days and 24 学时 blocks it', () => {
    const c = checkNewStep(person, CANDIDATE, meeting(), '2026-11-25', S, DEFAULT_CALENDAR);
    expect(c.blocks.map((v) => v.code)).toEqual(['training_short']);
    expect(c.hardBlocks).toEqual([]);
  });

  it('carries an exception recorded at the 支部大会 over to the 党委 approval', () => {
    const steps = [...CANDIDATE, meeting(['training_short'])];
    expect(checkNewStep(person, steps, step('admission_approval', '2025-06-16'), '2026-11-25', S, DEFAULT_CALENDAR).blocks).toEqual([]);
    // Without it the approval is refused on the same rule.
    expect(checkNewStep(person, [...CANDIDATE, meeting()], step('admission_approval', '2025-06-16'), '2026-11-25', S, DEFAULT_CALENDAR).blocks.map((v) => v.code)).toEqual(['training_short']);
  });

  it('refuses a step the status does not allow, and a date in the future, as non-overridable', () => {
    const none = { status: 'none' as const, birthDate: '2000-01-01' };
    expect(checkNewStep(none, [], step('talk', '2025-01-01'), '2026-11-25', S, DEFAULT_CALENDAR).hardBlocks.map((v) => v.code)).toEqual(['status_order']);
    expect(checkNewStep(person, CANDIDATE, step('political_review', '2027-01-01'), '2026-11-25', S, DEFAULT_CALENDAR).hardBlocks.map((v) => v.code)).toEqual(['date_in_future']);
  });

  it('suggests the next step and counts the days waiting', () => {
    expect(nextSteps(factsFrom(person, CANDIDATE), S).suggested).toBe('training');
    expect(nextSteps(factsFrom({ status: 'applicant', birthDate: null }, [step('application', '2026-01-01')]), S)).toMatchObject({ suggested: 'talk', allowed: ['talk', 'activist'] });
    expect(daysWaiting(CANDIDATE, '2025-05-16')).toBe(10);
    expect(daysWaiting([], '2025-05-16')).toBeNull();
  });
});
