import type { Tx } from '../../platform/db/tenancy.js';
import type { LegalDate } from '../../platform/dates/legal-date.js';
import type { Violation } from '../members/rules.js';
import { developmentSettings, type DevelopmentSettings } from '../members/rules.js';
import type { StepDetail, StepDocument, StepKind, StepPersonRole } from './tables.js';
import type { RecordedStep } from './workflow.js';

/** Today's date in Asia/Shanghai: legal dates (and "is it late yet") follow the local calendar, not UTC. */
export function shanghaiToday(now: Date = new Date()): LegalDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export async function tenantDevelopmentSettings(tx: Tx, tenantId: string): Promise<DevelopmentSettings> {
  const t = await tx.selectFrom('tenants').select('settings').where('id', '=', tenantId).executeTakeFirst();
  return developmentSettings(t?.settings);
}

/** A step refused by the rules: answered 422 with each violated rule (see routes.ts). */
export class StepRefused extends Error {
  constructor(readonly violations: Violation[], readonly canOverride: boolean) {
    super('step refused by the development rules');
    this.name = 'StepRefused';
  }
}

export interface LoadedStep extends RecordedStep {
  id: string;
  documents: StepDocument[];
  note: string;
  violations: { code: string; severity: 'block' | 'warning'; overridable: boolean; rule: string; message: { zh: string; en: string } }[];
  exceptionReason: string | null;
  exceptionByName: string | null;
  createdByName: string | null;
  createdAt: Date;
  named: { id: string; name: string; role: StepPersonRole }[];
}

/** The recorded steps of some people, oldest first, with the people they name and those people's current status. */
export async function loadSteps(tx: Tx, personIds: readonly string[]): Promise<Map<string, LoadedStep[]>> {
  const out = new Map<string, LoadedStep[]>();
  if (personIds.length === 0) return out;
  const rows = await tx.selectFrom('development_steps as s')
    .leftJoin('users as c', 'c.id', 's.created_by')
    .leftJoin('users as e', 'e.id', 's.exception_by')
    .select(['s.id', 's.person_id', 's.kind', 's.on_date', 's.detail', 's.documents', 's.note', 's.violations', 's.exception_reason', 's.created_at', 'c.display_name as created_by_name', 'e.display_name as exception_by_name'])
    .where('s.person_id', 'in', personIds)
    .orderBy('s.on_date').orderBy('s.created_at')
    .execute();
  const named = rows.length === 0 ? [] : await tx.selectFrom('development_step_people as sp').innerJoin('people as p', 'p.id', 'sp.person_id')
    .select(['sp.step_id', 'sp.role', 'p.id', 'p.name', 'p.party_status'])
    .where('sp.step_id', 'in', rows.map((r) => r.id))
    .execute();
  for (const r of rows) {
    const people = named.filter((n) => n.step_id === r.id);
    const violations = r.violations;
    const step: LoadedStep = {
      id: r.id, kind: r.kind as StepKind, on: r.on_date, detail: r.detail as StepDetail,
      people: people.map((p) => ({ role: p.role, status: p.party_status })),
      excepted: r.exception_reason ? violations.filter((v) => v.severity === 'block').map((v) => v.code) : [],
      documents: r.documents, note: r.note, violations,
      exceptionReason: r.exception_reason, exceptionByName: r.exception_by_name ?? null, createdByName: r.created_by_name ?? null, createdAt: r.created_at,
      named: people.map((p) => ({ id: p.id, name: p.name, role: p.role })),
    };
    const list = out.get(r.person_id) ?? [];
    list.push(step);
    out.set(r.person_id, list);
  }
  return out;
}
