/**
 * The printed letter (RULES.md §3): 存根 (kept by the sender 10 years), 介绍信 (carried to the receiver) and 回执 (sent back),
 * one number, the member, both organizations, 党费交至某年某月, validity and expiry.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import type { Actor } from '../../platform/access/actor.js';
import { txContext } from '../../platform/http/app.js';
import { notFound } from '../../platform/http/errors.js';
import { ageOn } from '../members/rules.js';
import { formatDuesPaidUntil } from './rules.js';
import { locate, todayInChina, TRANSFER } from './access.js';
import { duesPaidUntil, hasLedger } from '../dues/ledger.js';

/**
 * 党费交至 comes from the dues ledger (modules/dues, RULES.md §4) when the member has one; the month typed on the form
 * is used only for a member without dues records (e.g. before the enterprise keeps its dues here).
 */
export { duesPaidUntil, hasLedger } from '../dues/ledger.js';

/** '〔2026〕转字第0007号': the year of issue and the tenant's running number in that year. */
export function letterNumber(year: number, seq: number): string {
  return `〔${year}〕转字第${String(seq).padStart(4, '0')}号`;
}

export async function nextLetterNumber(tx: Tx, year: number): Promise<string> {
  const prefix = `〔${year}〕转字第`;
  const r = await tx.selectFrom('transfers').select((eb) => eb.fn.countAll<number>().as('n')).where('letter_no', 'like', `${prefix}%`).executeTakeFirstOrThrow();
  return letterNumber(year, Number(r.n) + 1);
}

const STATUS_ZH: Record<string, string> = { probationary: '预备党员', full: '正式党员' };

export interface LetterData {
  letterNo: string;
  personName: string;
  gender: 'male' | 'female';
  age: number | null;
  ethnicity: string;
  partyStatusText: string;
  fromOrgName: string;
  toOrgName: string;
  toTenantName: string | null;
  reason: string;
  issuedOn: string;
  validityDays: number;
  expiresOn: string;
  duesPaidUntil: string | null;
  duesPaidUntilText: string | null;
  duesSource: 'records' | 'form' | null;
  stubRetainUntil: string;
}

/** The letter of an issued transfer, for the sender (who prints it). */
export async function letterData(db: Kysely<DB>, actor: Actor, id: string): Promise<LetterData> {
  return withTenant(db, txContext(actor), async (tx) => {
    const l = await locate(tx, actor, id);
    if (l.kind !== 'outgoing' || !l.sender || !l.row.letter_no || !l.row.issued_on || !l.row.expires_on || !l.row.stub_retain_until) throw notFound(TRANSFER);
    const t = l.row;
    const p = await tx.selectFrom('people').select(['gender', 'birth_date', 'ethnicity', 'party_status']).where('id', '=', t.person_id).executeTakeFirstOrThrow();
    const fromRecords = await hasLedger(tx, t.person_id);
    const dues = fromRecords ? await duesPaidUntil(tx, t.person_id) : t.dues_paid_until;
    return {
      letterNo: t.letter_no!, personName: t.person_name, gender: p.gender, ethnicity: p.ethnicity,
      age: p.birth_date ? ageOn(p.birth_date, todayInChina()) : null,
      partyStatusText: STATUS_ZH[p.party_status] ?? '',
      fromOrgName: t.from_org_name, toOrgName: t.to_org_name, toTenantName: t.to_tenant_name, reason: t.reason,
      issuedOn: t.issued_on!, validityDays: t.validity_days, expiresOn: t.expires_on!,
      duesPaidUntil: dues, duesPaidUntilText: formatDuesPaidUntil(dues), duesSource: fromRecords ? 'records' : dues ? 'form' : null,
      stubRetainUntil: t.stub_retain_until!,
    };
  });
}
