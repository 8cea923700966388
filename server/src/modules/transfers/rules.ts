import { addDays, addMonths, addYears, isAfter, isLegalDate, type LegalDate } from '../../platform/dates/legal-date.js';
import { RULE_BASIS } from '../../platform/rules/basis.js';

/**
 * 组织关系转接 (transfer of a member's organizational relation), RULES.md §3.
 *
 * A transfer letter has three parts: 存根 (stub, kept 10 years), 介绍信 (the letter) and 回执 (receipt); it states the
 * month up to which dues are paid (党费交至某年某月) and is valid at most 3 months (online systems offer 30 or 90 days).
 * The sending organization stays responsible until the receiving one confirms. A transfer goes within the tenant, to
 * another tenant on the platform, or out of the platform (a printed letter).
 */

export type TransferScope = 'within_tenant' | 'platform' | 'external';
export type TransferState = 'draft' | 'issued' | 'received' | 'returned' | 'expired' | 'cancelled';
export type TransferAction = 'issue' | 'receive' | 'return' | 'expire' | 'cancel';
/** Who acts: the sending organization, the receiving one, or the system (scheduled expiry). */
export type TransferSide = 'sender' | 'receiver' | 'system';

export interface TransferSettings {
  /** Validity periods offered for a letter, in days. */
  letterValidityDays: number[];
  /** A letter is never valid longer than this many months. */
  maxValidityMonths: number;
  /** Away for this many months or more: a formal transfer is required. */
  formalTransferAwayMonths: number;
  /** The 存根 is kept this many years. */
  stubRetentionYears: number;
}

export const DEFAULT_TRANSFER_SETTINGS: TransferSettings = {
  letterValidityDays: [30, 90],
  maxValidityMonths: 3,
  formalTransferAwayMonths: 6,
  stubRetentionYears: 10,
};

/** Effective settings for a tenant: stored `settings.transfer` over the defaults. */
export function transferSettings(stored: Record<string, unknown> | null | undefined): TransferSettings {
  return { ...DEFAULT_TRANSFER_SETTINGS, ...((stored?.transfer ?? {}) as Partial<TransferSettings>) };
}

const R3 = 'RULES.md §3';

/**
 * Last day on which a letter issued on `issued` with `days` of validity is valid, the issue day counted as the first:
 * 30 days from 2026-01-01 → valid through 2026-01-30. Counted this way, 90 days never pass 3 calendar months.
 */
export function letterExpiresOn(issued: LegalDate, days: number): LegalDate {
  return addDays(issued, days - 1);
}

/** Whether a letter is still valid on `on` (issue day to expiry day, both included). */
export function isLetterValid(issued: LegalDate, days: number, on: LegalDate): boolean {
  return !isAfter(issued, on) && !isAfter(on, letterExpiresOn(issued, days));
}

export interface TransferProblem { code: 'validity_not_offered' | 'validity_too_long'; rule: string; basis: { zh: string; en: string }; message: { zh: string; en: string }; params: Record<string, string | number | null> }

/** A validity period the tenant offers (30 or 90 days by default) and never longer than 3 months from the issue date. */
export function checkLetterValidity(issued: LegalDate, days: number, settings: TransferSettings = DEFAULT_TRANSFER_SETTINGS): TransferProblem[] {
  const s = settings;
  const offered = s.letterValidityDays.includes(days);
  const withinMax = Number.isInteger(days) && days >= 1 && !isAfter(letterExpiresOn(issued, days), addMonths(issued, s.maxValidityMonths));
  if (offered && withinMax) return [];
  return [{
    code: withinMax ? 'validity_not_offered' : 'validity_too_long',
    basis: RULE_BASIS[3],
    rule: `${R3}: validity at most ${s.maxValidityMonths} months (online systems offer ${s.letterValidityDays.join(' or ')} days)`,
    message: {
      zh: `介绍信有效期可选${s.letterValidityDays.join('天或')}天，最长不超过${s.maxValidityMonths}个月（现为${days}天）`,
      en: `A letter is valid for ${s.letterValidityDays.join(' or ')} days, never more than ${s.maxValidityMonths} months (requested: ${days} days)`,
    },
    params: { days, offered: s.letterValidityDays.join(','), maxMonths: s.maxValidityMonths },
  }];
}

/** Until when the 存根 is kept: 10 years from the issue date. */
export function stubRetainUntil(issued: LegalDate, settings: TransferSettings = DEFAULT_TRANSFER_SETTINGS): LegalDate {
  return addYears(issued, settings.stubRetentionYears);
}

/** What the state machine needs to know about a transfer. */
export interface TransferSnapshot {
  state: TransferState;
  scope: TransferScope;
  issuedOn: LegalDate | null;
  validityDays: number | null;
}

/**
 * The state machine:
 *   draft ──issue──▶ issued ──receive──▶ received
 *     │                 ├──return───▶ returned
 *     └─cancel─▶ cancelled └──expire───▶ expired   (system, the day after the letter's last valid day)
 * Who receives and returns: within the tenant and between tenants on the platform, the receiving organization; for a
 * transfer out of the platform, the sender records the 回执 coming back (receive) or the letter coming back (return).
 * Received, returned, expired and cancelled are final: a new attempt is a new transfer.
 */
const TRANSITIONS: Record<TransferAction, { from: TransferState; to: TransferState }> = {
  issue: { from: 'draft', to: 'issued' },
  cancel: { from: 'draft', to: 'cancelled' },
  receive: { from: 'issued', to: 'received' },
  return: { from: 'issued', to: 'returned' },
  expire: { from: 'issued', to: 'expired' },
};

function actorFor(action: TransferAction, scope: TransferScope): TransferSide {
  switch (action) {
    case 'issue':
    case 'cancel': return 'sender';
    case 'expire': return 'system';
    case 'receive':
    case 'return': return scope === 'external' ? 'sender' : 'receiver';
  }
}

export type TransferRefusal = 'wrong_state' | 'wrong_side' | 'letter_expired' | 'not_yet_expired' | 'validity' | 'date';

export type TransferResult =
  | { ok: true; state: TransferState }
  | { ok: false; reason: TransferRefusal; message: { zh: string; en: string } };

const REFUSALS: Record<TransferRefusal, { zh: string; en: string }> = {
  wrong_state: { zh: '转接当前状态下不能进行这一操作', en: 'This action is not possible in the transfer’s current state' },
  wrong_side: { zh: '这一操作应由另一方党组织办理', en: 'This action belongs to the other organization' },
  letter_expired: { zh: '介绍信已过有效期，请重新开具', en: 'The letter has expired; issue a new one' },
  not_yet_expired: { zh: '介绍信尚在有效期内', en: 'The letter is still valid' },
  validity: { zh: '介绍信有效期不符合规定', en: 'The letter’s validity period is not allowed' },
  date: { zh: '日期不对：不能早于开具日期或晚于今天', en: 'The date is wrong: not before the issue date, not after today' },
};

function refuse(reason: TransferRefusal): TransferResult {
  return { ok: false, reason, message: REFUSALS[reason] };
}

/**
 * Apply `action` by `side` on `today`. `on` is the date the action records (for 'receive': the date the receiving
 * organization registered the member, which for a printed letter may be recorded later from the 回执); it defaults
 * to `today`. For 'issue', `t.issuedOn` and `t.validityDays` are the values to be issued with.
 */
export function applyTransferAction(
  t: TransferSnapshot, action: TransferAction, side: TransferSide, today: LegalDate, on: LegalDate = today,
  settings: TransferSettings = DEFAULT_TRANSFER_SETTINGS,
): TransferResult {
  const move = TRANSITIONS[action];
  if (t.state !== move.from) return refuse('wrong_state');
  if (side !== actorFor(action, t.scope)) return refuse('wrong_side');
  if (!isLegalDate(on) || isAfter(on, today)) return refuse('date');
  if (action === 'cancel') return { ok: true, state: move.to };
  if (!t.issuedOn || !t.validityDays) return refuse('validity');
  if (action === 'issue') {
    if (checkLetterValidity(t.issuedOn, t.validityDays, settings).length > 0) return refuse('validity');
    if (isAfter(t.issuedOn, today)) return refuse('date');
    return { ok: true, state: move.to };
  }
  if (isAfter(t.issuedOn, on)) return refuse('date');
  const expiresOn = letterExpiresOn(t.issuedOn, t.validityDays);
  if (action === 'expire') return isAfter(today, expiresOn) ? { ok: true, state: move.to } : refuse('not_yet_expired');
  if (action === 'receive' && isAfter(on, expiresOn)) return refuse('letter_expired');
  return { ok: true, state: move.to };
}

/**
 * The actions `side` may take now (what the UI offers). 'issue' is offered for any draft to the sender; its letter
 * data are checked when it is applied.
 */
export function allowedTransferActions(t: TransferSnapshot, side: TransferSide, today: LegalDate, settings: TransferSettings = DEFAULT_TRANSFER_SETTINGS): TransferAction[] {
  return (Object.keys(TRANSITIONS) as TransferAction[]).filter((a) => {
    if (a === 'issue') return t.state === 'draft' && side === 'sender';
    return applyTransferAction(t, a, side, today, today, settings).ok;
  });
}

/** Which organization is responsible for the member: the sender until the receiver confirms (RULES.md §3). */
export function responsibleSide(state: TransferState): 'sender' | 'receiver' {
  return state === 'received' ? 'receiver' : 'sender';
}

/**
 * Whether a member going away (work or study) from `awayFrom` until `expectedUntil` (null: open-ended) needs a formal
 * transfer: away 6 months or more (RULES.md §3). Otherwise the relation stays; a member away without transfer is a
 * 流动党员.
 */
export function formalTransferRequired(awayFrom: LegalDate, expectedUntil: LegalDate | null, settings: TransferSettings = DEFAULT_TRANSFER_SETTINGS): boolean {
  if (expectedUntil === null) return true;
  return !isAfter(addMonths(awayFrom, settings.formalTransferAwayMonths), expectedUntil);
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The 党费交至 field of a letter: '2026-10' (or a date in that month) → '2026年10月' (zh) / 'Oct 2026' (en).
 * Null or malformed input gives null (the field is then left for hand filling).
 */
export function formatDuesPaidUntil(yearMonth: string | null | undefined, locale: 'zh' | 'en' = 'zh'): string | null {
  const m = /^(\d{4})-(\d{2})(?:-\d{2})?$/.exec(yearMonth ?? '');
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12 || (m[0].length > 7 && !isLegalDate(m[0]))) return null;
  return locale === 'zh' ? `${year}年${month}月` : `${EN_MONTHS[month - 1]} ${year}`;
}
