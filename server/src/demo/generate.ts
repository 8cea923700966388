/**
 * Deterministic generator of the demo enterprise (org tree, people, one account per role).
 * Pure: no clock, no Math.random. The seed and the reference date fix the whole output.
 * Everyone in it is generated; any likeness to a real person is chance.
 */
import type { OrgKind, PartyStatus } from '../platform/db/schema.js';
import {
  DEMO_BLUEPRINT, JOB_TITLES, MALE_SHARE, STATUS_WEIGHTS, educationTable,
  type BranchSpec, type CommitteeSpec, type FixedPerson, type PersonRole, type Profile,
} from './blueprint.js';
import { addDays, addYears, daysBetween, formatDate, parseDate } from './dates.js';
import { ETHNICITIES, GIVEN_NAMES, SURNAMES, nameEra, type EducationLevel, type NameEra } from './names.js';
import { namePinyin } from '../platform/text/pinyin.js';
import { Rng } from './random.js';
import { PersonDetailsMaker, type PersonDetails } from './person-details.js';

export type { PersonRole } from './blueprint.js';
export type DemoRole = PersonRole | 'sys_admin' | 'sec_admin' | 'audit_admin';

export interface DemoUnit {
  id: string;
  parentId: string | null;
  kind: OrgKind;
  name: string;
  /** Position among siblings, from 1. */
  sortOrder: number;
}

export interface DemoPerson {
  id: string;
  orgUnitId: string;
  name: string;
  namePinyin: string;
  nameInitials: string;
  gender: 'male' | 'female';
  ethnicity: string;
  /** 'YYYY-MM-DD' */
  birthDate: string;
  education: EducationLevel;
  jobTitle: string;
  partyStatus: PartyStatus;
  /** Date admitted as 预备党员 (支部大会), for probationary and full members; null otherwise. */
  partyJoinedOn: string | null;
  /** 身份证号 agreeing with birth date and gender, phone, the other §2 dates, 流动党员 / 组织关系保留 (person-details.ts). */
  details: PersonDetails;
}

export interface DemoAccount {
  username: string;
  role: DemoRole;
  displayName: string;
  personId: string | null;
  /** The org unit the role is granted on; null for the tenant-wide administrators. */
  orgUnitId: string | null;
}

export interface DemoOrg {
  units: DemoUnit[];
  people: DemoPerson[];
  accounts: DemoAccount[];
}

export interface DemoOptions {
  seed: number;
  /** Ages and join dates are computed relative to this date ('YYYY-MM-DD'), never to the clock. */
  referenceDate: string;
}

export const DEFAULT_DEMO_SEED = 20_240_701;

/** Units come parent first, so they can be inserted in order. */
export function generateDemoOrg(opts: DemoOptions): DemoOrg {
  const gen = new Generator(new Rng(opts.seed), parseDate(opts.referenceDate));
  gen.committee(DEMO_BLUEPRINT, null, 1);
  // Details come from their own stream, after everything else is drawn: the rest of the demo stays as it was.
  const details = new PersonDetailsMaker(opts.seed + 1, parseDate(opts.referenceDate));
  for (const p of gen.people) p.details = details.make(p);
  return { units: gen.units, people: gen.people, accounts: gen.accounts() };
}

const ADMIN_ACCOUNTS: readonly Pick<DemoAccount, 'username' | 'role' | 'displayName'>[] = [
  { username: 'sysadmin', role: 'sys_admin', displayName: '系统管理员' },
  { username: 'secadmin', role: 'sec_admin', displayName: '安全管理员' },
  { username: 'auditor', role: 'audit_admin', displayName: '安全审计员' },
];

/** Username per person-backed role, in the order the accounts are listed. */
const PERSON_ACCOUNTS: readonly (readonly [PersonRole, string])[] = [
  ['committee_secretary', 'shuji'],
  ['organization_member', 'zuzhi'],
  ['propaganda_member', 'xuanchuan'],
  ['discipline_member', 'jijian'],
  ['branch_secretary', 'zhibu'],
  ['party_member', 'dangyuan'],
  ['employee', 'zhigong'],
  ['union_staff', 'gonghui'],
  ['hr_staff', 'renli'],
];

/** Statuses of people still on the way in: they skew young. */
const NEWCOMER: ReadonlySet<PartyStatus> = new Set(['applicant', 'activist', 'candidate', 'probationary']);
const MEMBER: ReadonlySet<PartyStatus> = new Set(['full', 'probationary']);
const NOT_FULL = STATUS_WEIGHTS.filter(([s]) => s !== 'full');
/** Filled in by generateDemoOrg once every person is drawn. */
const NO_DETAILS: PersonDetails = { idNumber: '', phone: '', appliedOn: null, activistOn: null, candidateOn: null, fullOn: null, membership: 'normal', membershipNote: null };

class Generator {
  readonly units: DemoUnit[] = [];
  readonly people: DemoPerson[] = [];
  private readonly holders = new Map<PersonRole, { person: DemoPerson; scopeId: string }>();
  private rootId: string | null = null;

  constructor(private readonly rng: Rng, private readonly ref: Date) {}

  committee(spec: CommitteeSpec, parentId: string | null, sortOrder: number): void {
    const id = this.unit(parentId, spec.kind, spec.name, sortOrder);
    this.rootId ??= id;
    spec.children.forEach((child, i) => {
      if (child.kind === 'branch') {
        this.branch(child, id, i + 1);
      } else if (child.kind === 'general_branch') {
        const generalId = this.unit(id, 'general_branch', child.name, i + 1);
        child.children.forEach((b, j) => this.branch(b, generalId, j + 1));
      } else {
        this.committee(child, id, i + 1);
      }
    });
  }

  accounts(): DemoAccount[] {
    const accounts: DemoAccount[] = ADMIN_ACCOUNTS.map((a) => ({ ...a, personId: null, orgUnitId: null }));
    for (const [role, username] of PERSON_ACCOUNTS) {
      const holder = this.holders.get(role);
      if (!holder) throw new Error(`demo blueprint places no person for role ${role}`);
      accounts.push({ username, role, displayName: holder.person.name, personId: holder.person.id, orgUnitId: holder.scopeId });
    }
    return accounts;
  }

  private unit(parentId: string | null, kind: OrgKind, name: string, sortOrder: number): string {
    const id = this.rng.uuid();
    this.units.push({ id, parentId, kind, name, sortOrder });
    return id;
  }

  private branch(spec: BranchSpec, parentId: string, sortOrder: number): void {
    const id = this.unit(parentId, 'branch', spec.name, sortOrder);
    const groupIds = (spec.groups ?? []).map((g, i) => this.unit(id, 'party_group', g, i + 1));
    const fixed = spec.fixed ?? [];
    const taken = new Set<string>();
    let members = 0;
    this.statuses(spec, fixed).forEach((status, i) => {
      // Party members sit in a 党小组 when the branch has them; others belong to the branch's unit.
      const groupId = MEMBER.has(status) && groupIds.length > 0 ? groupIds[members++ % groupIds.length] : undefined;
      const f = fixed[i];
      const person = this.person(groupId ?? id, spec.profile, status, f, taken);
      if (f) this.holders.set(f.role, { person, scopeId: f.scope === 'group' && this.rootId ? this.rootId : id });
    });
  }

  /** Fixed people first, then drawn statuses adjusted to the branch's bounds on 正式党员. */
  private statuses(spec: BranchSpec, fixed: readonly FixedPerson[]): PartyStatus[] {
    const drawn: PartyStatus[] = [];
    for (let i = fixed.length; i < spec.size; i++) {
      drawn.push(spec.profile === 'retired' ? 'full' : this.rng.weighted(STATUS_WEIGHTS));
    }
    const [min, max] = spec.full ?? [3, Number.POSITIVE_INFINITY];
    const fixedFull = fixed.filter((f) => f.status === 'full').length;
    const fullCount = (): number => fixedFull + drawn.filter((s) => s === 'full').length;
    while (fullCount() < min) {
      const pool = indexesOf(drawn, (s) => s === 'none');
      const candidates = pool.length > 0 ? pool : indexesOf(drawn, (s) => s !== 'full');
      if (candidates.length === 0) throw new Error(`${spec.name}: too small for ${min} full members`);
      drawn[this.rng.pick(candidates)] = 'full';
    }
    while (fullCount() > max) {
      const candidates = indexesOf(drawn, (s) => s === 'full');
      if (candidates.length === 0) throw new Error(`${spec.name}: fixed people exceed ${max} full members`);
      drawn[this.rng.pick(candidates)] = this.rng.weighted(NOT_FULL);
    }
    return [...fixed.map((f) => f.status), ...drawn];
  }

  private person(orgUnitId: string, profile: Profile, status: PartyStatus, fixed: FixedPerson | undefined, taken: Set<string>): DemoPerson {
    const id = this.rng.uuid();
    const gender = this.rng.chance(MALE_SHARE[profile]) ? 'male' : 'female';
    const [minAge, maxAge] = fixed?.ages ?? ageRange(profile, status);
    // Mean of two uniforms: a triangular spread, so most staff are mid-career.
    const age = minAge + Math.floor(((this.rng.next() + this.rng.next()) / 2) * (maxAge - minAge + 1));
    const birth = this.birthDate(age);
    const name = this.name(gender, nameEra(birth.getUTCFullYear()), taken);
    const { pinyin, initials } = namePinyin(name);
    const person: DemoPerson = {
      id,
      orgUnitId,
      name,
      namePinyin: pinyin,
      nameInitials: initials,
      gender,
      ethnicity: this.rng.weighted(ETHNICITIES),
      birthDate: formatDate(birth),
      education: this.rng.weighted(educationTable(profile, age, fixed?.scope === 'group')),
      jobTitle: fixed?.jobTitle ?? this.rng.weighted(JOB_TITLES[profile]),
      partyStatus: status,
      partyJoinedOn: this.joinedOn(status, birth),
      details: NO_DETAILS,
    };
    this.people.push(person);
    return person;
  }

  /** A birth date giving exactly `age` completed years on the reference date. */
  private birthDate(age: number): Date {
    const latest = addYears(this.ref, -age);
    const earliest = addDays(addYears(this.ref, -(age + 1)), 1);
    return addDays(earliest, this.rng.int(0, daysBetween(earliest, latest)));
  }

  /**
   * 预备党员 were admitted within the last year (the 预备期 is one year); 正式党员 at 18 or later and
   * more than a year ago, skewed towards joining young.
   */
  private joinedOn(status: PartyStatus, birth: Date): string | null {
    if (status === 'probationary') return formatDate(addDays(this.ref, -this.rng.int(20, 350)));
    if (status !== 'full') return null;
    const earliest = addYears(birth, 18);
    const span = daysBetween(earliest, addDays(this.ref, -400));
    return formatDate(addDays(earliest, Math.floor(span * this.rng.next() ** 2)));
  }

  private name(gender: 'male' | 'female', era: NameEra, taken: Set<string>): string {
    for (let attempt = 0; attempt < 100; attempt++) {
      const name = this.rng.weighted(SURNAMES) + this.rng.pick(GIVEN_NAMES[gender][era]);
      if (!taken.has(name)) {
        taken.add(name);
        return name;
      }
    }
    throw new Error('could not find an unused name in the branch');
  }
}

function ageRange(profile: Profile, status: PartyStatus): readonly [number, number] {
  if (profile === 'retired') return [60, 82];
  return NEWCOMER.has(status) ? [22, 38] : [22, 60];
}

function indexesOf<T>(items: readonly T[], test: (item: T) => boolean): number[] {
  const out: number[] = [];
  items.forEach((item, i) => { if (test(item)) out.push(i); });
  return out;
}
