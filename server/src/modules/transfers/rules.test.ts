import { describe, expect, it } from 'vitest';
import {
  allowedTransferActions, applyTransferAction, checkLetterValidity, formalTransferRequired, formatDuesPaidUntil, isLetterValid,
  letterExpiresOn, responsibleSide, stubRetainUntil, transferSettings, type TransferScope, type TransferSnapshot,
} from './rules.js';

const issued = (scope: TransferScope, days = 30): TransferSnapshot => ({ state: 'issued', scope, issuedOn: '2026-03-02', validityDays: days });

describe('transfer letters (RULES.md §3)', () => {
  // RULES.md §3: validity at most 3 months (online systems offer 30 or 90 days).
  it('computes the last valid day, counting the issue day', () => {
    expect(letterExpiresOn('2026-03-02', 30)).toBe('2026-03-31');
    expect(letterExpiresOn('2026-03-02', 90)).toBe('2026-05-30');
    expect(isLetterValid('2026-03-02', 30, '2026-03-31')).toBe(true);
    expect(isLetterValid('2026-03-02', 30, '2026-04-01')).toBe(false);
    expect(isLetterValid('2026-03-02', 30, '2026-03-01')).toBe(false);
  });

  it('offers 30 or 90 days and never more than 3 months', () => {
    expect(checkLetterValidity('2026-03-02', 30)).toEqual([]);
    expect(checkLetterValidity('2026-03-02', 90)).toEqual([]);
    // 90 days from 1 February of a common year end on 1 May, exactly 3 months
    expect(checkLetterValidity('2026-02-01', 90)).toEqual([]);
    expect(checkLetterValidity('2026-03-02', 60)).toMatchObject([{ code: 'validity_not_offered', rule: expect.stringMatching(/^RULES\.md §3/) }]);
    expect(checkLetterValidity('2026-03-02', 120, transferSettings({ transfer: { letterValidityDays: [30, 120] } }))).toMatchObject([{ code: 'validity_too_long' }]);
    expect(checkLetterValidity('2026-02-01', 91, transferSettings({ transfer: { letterValidityDays: [91] } }))).toMatchObject([{ code: 'validity_too_long' }]);
  });

  // RULES.md §3: 存根 (stub) kept 10 years.
  it('keeps the stub 10 years', () => {
    expect(stubRetainUntil('2026-03-02')).toBe('2036-03-02');
  });

  // RULES.md §3: the letter states the month up to which dues are paid (党费交至某年某月).
  it('formats 党费交至年月', () => {
    expect(formatDuesPaidUntil('2026-10')).toBe('2026年10月');
    expect(formatDuesPaidUntil('2026-03-31')).toBe('2026年3月');
    expect(formatDuesPaidUntil('2026-10', 'en')).toBe('Oct 2026');
    expect(formatDuesPaidUntil('2026-13')).toBeNull();
    expect(formatDuesPaidUntil('2026-02-30')).toBeNull();
    expect(formatDuesPaidUntil(null)).toBeNull();
  });
});

describe('transfer state machine (RULES.md §3)', () => {
  const draft: TransferSnapshot = { state: 'draft', scope: 'platform', issuedOn: '2026-03-02', validityDays: 30 };

  it('issues a draft with an allowed validity, or cancels it', () => {
    expect(applyTransferAction(draft, 'issue', 'sender', '2026-03-02')).toEqual({ ok: true, state: 'issued' });
    expect(applyTransferAction(draft, 'issue', 'receiver', '2026-03-02')).toMatchObject({ ok: false, reason: 'wrong_side' });
    expect(applyTransferAction({ ...draft, validityDays: 45 }, 'issue', 'sender', '2026-03-02')).toMatchObject({ ok: false, reason: 'validity' });
    expect(applyTransferAction({ ...draft, issuedOn: '2026-03-03' }, 'issue', 'sender', '2026-03-02')).toMatchObject({ ok: false, reason: 'date' });
    expect(applyTransferAction(draft, 'cancel', 'sender', '2026-03-02')).toEqual({ ok: true, state: 'cancelled' });
    expect(applyTransferAction(draft, 'receive', 'receiver', '2026-03-02')).toMatchObject({ ok: false, reason: 'wrong_state' });
  });

  // RULES.md §3: transfers within a tenant, between tenants on the platform, or out of the platform (printed letter).
  it('lets the receiving organization accept or return within the tenant and on the platform', () => {
    for (const scope of ['within_tenant', 'platform'] as const) {
      expect(applyTransferAction(issued(scope), 'receive', 'receiver', '2026-03-10')).toEqual({ ok: true, state: 'received' });
      expect(applyTransferAction(issued(scope), 'return', 'receiver', '2026-03-10')).toEqual({ ok: true, state: 'returned' });
      expect(applyTransferAction(issued(scope), 'receive', 'sender', '2026-03-10')).toMatchObject({ ok: false, reason: 'wrong_side' });
    }
    expect(allowedTransferActions(issued('platform'), 'receiver', '2026-03-10')).toEqual(['receive', 'return']);
    expect(allowedTransferActions(issued('platform'), 'sender', '2026-03-10')).toEqual([]);
    expect(allowedTransferActions(draft, 'sender', '2026-03-01')).toEqual(['issue', 'cancel']);
  });

  it('lets the sender record the 回执 (or the returned letter) of a printed letter out of the platform', () => {
    expect(applyTransferAction(issued('external'), 'receive', 'sender', '2026-04-10', '2026-03-20')).toEqual({ ok: true, state: 'received' });
    expect(applyTransferAction(issued('external'), 'receive', 'receiver', '2026-04-10', '2026-03-20')).toMatchObject({ ok: false, reason: 'wrong_side' });
    expect(applyTransferAction(issued('external'), 'receive', 'sender', '2026-04-10', '2026-04-01')).toMatchObject({ ok: false, reason: 'letter_expired' });
    expect(applyTransferAction(issued('external'), 'return', 'sender', '2026-04-10')).toEqual({ ok: true, state: 'returned' });
    expect(applyTransferAction(issued('external'), 'receive', 'sender', '2026-04-10', '2026-04-11')).toMatchObject({ ok: false, reason: 'date' });
    expect(applyTransferAction(issued('external'), 'receive', 'sender', '2026-04-10', '2026-03-01')).toMatchObject({ ok: false, reason: 'date' });
  });

  it('expires a letter the day after its last valid day, and then refuses receipt', () => {
    expect(applyTransferAction(issued('platform'), 'expire', 'system', '2026-03-31')).toMatchObject({ ok: false, reason: 'not_yet_expired' });
    expect(applyTransferAction(issued('platform'), 'expire', 'system', '2026-04-01')).toEqual({ ok: true, state: 'expired' });
    expect(applyTransferAction(issued('platform'), 'expire', 'sender', '2026-04-01')).toMatchObject({ ok: false, reason: 'wrong_side' });
    expect(applyTransferAction(issued('platform'), 'receive', 'receiver', '2026-04-01')).toMatchObject({ ok: false, reason: 'letter_expired' });
    expect(allowedTransferActions(issued('platform'), 'receiver', '2026-04-01')).toEqual(['return']);
    expect(allowedTransferActions(issued('platform', 90), 'receiver', '2026-04-01')).toEqual(['receive', 'return']);
  });

  it('treats received, returned, expired and cancelled as final', () => {
    for (const state of ['received', 'returned', 'expired', 'cancelled'] as const) {
      for (const side of ['sender', 'receiver', 'system'] as const) expect(allowedTransferActions({ ...issued('platform'), state }, side, '2026-03-10')).toEqual([]);
    }
  });

  // RULES.md §3: the sending organization stays responsible until the receiving one confirms.
  it('keeps the sender responsible until receipt', () => {
    expect(responsibleSide('issued')).toBe('sender');
    expect(responsibleSide('expired')).toBe('sender');
    expect(responsibleSide('returned')).toBe('sender');
    expect(responsibleSide('received')).toBe('receiver');
  });

  // RULES.md §3: a formal transfer is required when a member works or studies away for 6 months or more.
  it('requires a formal transfer for 6 months away or more', () => {
    expect(formalTransferRequired('2026-03-02', '2026-09-01')).toBe(false);
    expect(formalTransferRequired('2026-03-02', '2026-09-02')).toBe(true);
    expect(formalTransferRequired('2026-08-31', '2027-02-28')).toBe(true);
    expect(formalTransferRequired('2026-03-02', null)).toBe(true);
  });
});
