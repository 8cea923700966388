import { describe, expect, it } from 'vitest';
import type { PartyStatus } from '../platform/db/schema.js';
import { ageOn, parseDate } from './dates.js';
import { generateDemoOrg, type DemoOrg, type DemoUnit } from './generate.js';
import { EDUCATION_LEVELS } from './names.js';
import { namePinyin } from '../platform/text/pinyin.js';
import { Rng } from './random.js';

const REF = '2025-06-30';
const demo = generateDemoOrg({ seed: 20_240_701, referenceDate: REF });
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const unitsById = new Map(demo.units.map((u) => [u.id, u]));
const branches = demo.units.filter((u) => u.kind === 'branch');

/** The branch a person's unit belongs to (itself, or the parent of a 党小组). */
function branchOf(unitId: string): DemoUnit {
  const u = unitsById.get(unitId);
  if (u?.kind === 'branch') return u;
  const parent = u?.parentId ? unitsById.get(u.parentId) : undefined;
  if (u?.kind === 'party_group' && parent?.kind === 'branch') return parent;
  throw new Error(`person in unit ${unitId}, not in a branch or party group`);
}

function branchStats(org: DemoOrg): Map<string, { size: number; full: number; members: number }> {
  const stats = new Map<string, { size: number; full: number; members: number }>();
  for (const p of org.people) {
    const b = branchOf(p.orgUnitId);
    const s = stats.get(b.id) ?? { size: 0, full: 0, members: 0 };
    s.size += 1;
    if (p.partyStatus === 'full') s.full += 1;
    if (p.partyStatus === 'full' || p.partyStatus === 'probationary') s.members += 1;
    stats.set(b.id, s);
  }
  return stats;
}

describe('generateDemoOrg', () => {
  it('is deterministic: the same seed gives the same enterprise, another seed another one', () => {
    expect(generateDemoOrg({ seed: 20_240_701, referenceDate: REF })).toEqual(demo);
    const other = generateDemoOrg({ seed: 7, referenceDate: REF });
    expect(other.people[0]?.id).not.toBe(demo.people[0]?.id);
    expect(other.units.map((u) => u.name)).toEqual(demo.units.map((u) => u.name));
  });

  it('rejects a malformed reference date', () => {
    expect(() => generateDemoOrg({ seed: 1, referenceDate: '2025-02-30' })).toThrow();
  });

  it('builds one group committee over three company committees, 党总支, about 30 branches and 党小组', () => {
    const count = (kind: DemoUnit['kind']): number => demo.units.filter((u) => u.kind === kind).length;
    expect(count('group_committee')).toBe(1);
    expect(count('committee')).toBe(3);
    expect(count('general_branch')).toBeGreaterThanOrEqual(3);
    expect(branches.length).toBeGreaterThanOrEqual(28);
    expect(branches.length).toBeLessThanOrEqual(32);
    expect(count('party_group')).toBeGreaterThanOrEqual(4);
    const root = demo.units.find((u) => u.kind === 'group_committee');
    expect(root?.parentId).toBeNull();
    for (const u of demo.units.filter((x) => x.kind === 'committee')) expect(u.parentId).toBe(root?.id);
    // Parents come before children, so the list can be inserted in order.
    const seen = new Set<string>();
    for (const u of demo.units) {
      if (u.parentId !== null) expect(seen.has(u.parentId)).toBe(true);
      seen.add(u.id);
    }
  });

  it('puts 550–650 people, every one in a branch or a 党小组, with no duplicate names in a branch', () => {
    expect(demo.people.length).toBeGreaterThanOrEqual(550);
    expect(demo.people.length).toBeLessThanOrEqual(650);
    const namesByBranch = new Map<string, Set<string>>();
    for (const p of demo.people) {
      const b = branchOf(p.orgUnitId);
      const names = namesByBranch.get(b.id) ?? new Set<string>();
      expect(names.has(p.name), `${p.name} twice in ${b.name}`).toBe(false);
      names.add(p.name);
      namesByBranch.set(b.id, names);
      // Only party members sit in a 党小组.
      if (unitsById.get(p.orgUnitId)?.kind === 'party_group') expect(['full', 'probationary']).toContain(p.partyStatus);
    }
    expect(namesByBranch.size).toBe(branches.length);
  });

  it('covers the RULES.md §1 cases: small branches, one below 3 正式党员, one above 50 members', () => {
    const stats = [...branchStats(demo).values()];
    const working = stats.filter((s) => s.size <= 45);
    expect(working.length).toBe(stats.length - 1);
    for (const s of working) expect(s.size).toBeGreaterThanOrEqual(8);
    expect(stats.filter((s) => s.members > 50)).toHaveLength(1);
    expect(stats.filter((s) => s.full < 7).length).toBeGreaterThanOrEqual(3);
    expect(stats.filter((s) => s.full < 3)).toHaveLength(1);
  });

  it('draws party status, gender, ethnicity and education in sensible proportions', () => {
    const n = demo.people.length;
    const share = (test: (s: PartyStatus) => boolean): number => demo.people.filter((p) => test(p.partyStatus)).length / n;
    expect(share((s) => s === 'full')).toBeGreaterThan(0.48);
    expect(share((s) => s === 'full')).toBeLessThan(0.62);
    for (const status of ['probationary', 'candidate', 'activist', 'applicant'] as const) {
      expect(share((s) => s === status)).toBeGreaterThan(0.02);
      expect(share((s) => s === status)).toBeLessThan(0.1);
    }
    expect(share((s) => s === 'none')).toBeGreaterThan(0.18);
    expect(share((s) => s === 'none')).toBeLessThan(0.32);
    const han = demo.people.filter((p) => p.ethnicity === '汉族').length / n;
    expect(han).toBeGreaterThan(0.86);
    expect(han).toBeLessThan(0.97);
    const male = demo.people.filter((p) => p.gender === 'male').length / n;
    expect(male).toBeGreaterThan(0.55);
    expect(male).toBeLessThan(0.8);
    for (const p of demo.people) expect(EDUCATION_LEVELS).toContain(p.education);
  });

  it('gives working people ages 22–60, retirees 60 or more, and join dates consistent with age', () => {
    const ref = parseDate(REF);
    for (const p of demo.people) {
      const age = ageOn(parseDate(p.birthDate), ref);
      if (p.jobTitle === '退休职工') expect(age).toBeGreaterThanOrEqual(60);
      else expect(age >= 22 && age <= 60, `${p.name} aged ${age}`).toBe(true);
      if (p.partyStatus === 'full' || p.partyStatus === 'probationary') {
        expect(p.partyJoinedOn).not.toBeNull();
        const joined = parseDate(p.partyJoinedOn ?? '');
        expect(ageOn(parseDate(p.birthDate), joined)).toBeGreaterThanOrEqual(18);
        expect(joined.getTime()).toBeLessThan(ref.getTime());
        // §2: the 预备期 is one year; a full member was admitted more than a year ago.
        const oneYearAgo = parseDate('2024-06-30').getTime();
        if (p.partyStatus === 'probationary') expect(joined.getTime()).toBeGreaterThan(oneYearAgo);
        else expect(joined.getTime()).toBeLessThan(oneYearAgo);
      } else {
        expect(p.partyJoinedOn).toBeNull();
      }
    }
  });

  it('gives valid, unique v4 uuids to every unit and person', () => {
    const ids = [...demo.units.map((u) => u.id), ...demo.people.map((p) => p.id)];
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('stores pinyin and initials computed from the name', () => {
    for (const p of demo.people.slice(0, 50)) {
      expect(p.namePinyin).toMatch(/^[a-z]+$/);
      expect({ pinyin: p.namePinyin, initials: p.nameInitials }).toEqual(namePinyin(p.name));
    }
  });

  it('places one account per role, on the right people', () => {
    const byUser = new Map(demo.accounts.map((a) => [a.username, a]));
    expect([...byUser.keys()]).toEqual(['sysadmin', 'secadmin', 'auditor', 'shuji', 'zuzhi', 'xuanchuan', 'jijian', 'zhibu', 'dangyuan', 'zhigong', 'gonghui', 'renli']);
    expect(new Set(demo.accounts.map((a) => a.role)).size).toBe(demo.accounts.length);
    const person = (u: string) => demo.people.find((p) => p.id === byUser.get(u)?.personId);
    const root = demo.units.find((u) => u.kind === 'group_committee');
    for (const u of ['sysadmin', 'secadmin', 'auditor']) expect(byUser.get(u)).toMatchObject({ personId: null, orgUnitId: null });
    for (const u of ['shuji', 'zuzhi', 'xuanchuan', 'jijian', 'gonghui', 'renli']) expect(byUser.get(u)?.orgUnitId).toBe(root?.id);
    expect(person('shuji')?.partyStatus).toBe('full');
    const branchId = byUser.get('zhibu')?.orgUnitId;
    expect(unitsById.get(branchId ?? '')?.kind).toBe('branch');
    expect(person('zhibu')?.orgUnitId).toBe(branchId);
    expect(person('dangyuan')).toMatchObject({ orgUnitId: branchId, partyStatus: 'full' });
    expect(person('zhigong')?.partyStatus).toBe('none');
    for (const a of demo.accounts.filter((x) => x.personId)) expect(a.displayName).toBe(person(a.username)?.name);
  });
});

describe('namePinyin', () => {
  it('spells names in full and by initials, reading surnames as surnames', () => {
    expect(namePinyin('张慧娟')).toEqual({ pinyin: 'zhanghuijuan', initials: 'zhj' });
    expect(namePinyin('单立伟')).toEqual({ pinyin: 'shanliwei', initials: 'slw' });
    expect(namePinyin('曾国强').pinyin).toBe('zengguoqiang');
    expect(namePinyin('解晓东').pinyin).toBe('xiexiaodong');
    expect(namePinyin('查明').pinyin).toBe('zhaming');
    expect(namePinyin('吕颖')).toEqual({ pinyin: 'lvying', initials: 'ly' });
    expect(namePinyin('欧阳娜')).toEqual({ pinyin: 'ouyangna', initials: 'oyn' });
  });
});

describe('Rng', () => {
  it('repeats its stream for a seed and stays within bounds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    for (let i = 0; i < 1000; i++) {
      const x = a.next();
      expect(x).toBe(b.next());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const k = a.int(3, 5);
      b.int(3, 5);
      expect(k).toBeGreaterThanOrEqual(3);
      expect(k).toBeLessThanOrEqual(5);
    }
  });
});
