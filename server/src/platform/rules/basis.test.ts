// Every citation names its regulation in both languages (RULES.md §1–3, §5), and the name agrees with the section the
// exact citation gives: the screens show the one, the audit record keeps the other.
import { describe, expect, it } from 'vitest';
import { basisOf, RULE_BASIS } from './basis.js';
import { checkOrgUnit, DEFAULT_ORG_SETTINGS } from '../../modules/org/rules.js';
import { checkLetterValidity } from '../../modules/transfers/rules.js';

describe('rule basis', () => {
  it('names the regulation of a stored citation by its section, and something general for anything else', () => {
    expect(basisOf('RULES.md §2: at least 1 year as 积极分子 before 发展对象')).toEqual(RULE_BASIS[2]);
    expect(basisOf('RULES.md §5: 支部党员大会 once a quarter').zh).toBe('《中国共产党支部工作条例（试行）》');
    expect(basisOf('something else')).toEqual({ zh: '有关规定', en: 'the applicable rules' });
  });

  it('gives §1 findings and §3 letter problems the basis their citation names', () => {
    const findings = checkOrgUnit('branch', { fullMembers: 2, members: 60, hasCommittee: true, committeeMembers: 3 }, DEFAULT_ORG_SETTINGS);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f.basis).toEqual(basisOf(f.rule));
    const problems = checkLetterValidity('2026-01-01', 200);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.basis).toEqual(RULE_BASIS[3]);
    expect(basisOf(problems[0]!.rule)).toEqual(RULE_BASIS[3]);
  });
});
