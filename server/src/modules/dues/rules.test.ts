// RULES.md §4 (中组发〔2008〕3号): brackets, whole-base rates, integer 分 with half-up rounding, fixed amounts, the
// back-payment limit, voluntary payments for 中央, the 3/6-month alerts and the hardship approval chain.
import { describe, expect, it } from 'vitest';
import {
  addMonthsYm, alertFor, allocate, applyRate, DEFAULT_DUES_SETTINGS, firstDuesMonth, isCentralVoluntary, monthlyDue, monthRange,
  monthsBeyondBackPayLimit, nextRequestState, paidUntil, pensionBaseFen, quarterAverageFen, unpaidStreak, waiverFor, yuan,
} from './rules.js';

const s = DEFAULT_DUES_SETTINGS;

describe('employed members: ≤3000 元 0.5 %, ≤5000 1 %, ≤10000 1.5 %, above 2 % of the whole base (RULES.md §4)', () => {
  it.each([
    [0, 0, 0],
    [100_000, 500, 0], // 1000 元 × 0.5 % = 5 元
    [300_000, 1_500, 0], // 3000 元 exactly: still 0.5 % → 15 元
    [300_001, 3_000, 1], // 3000.01 元: 1 % of the WHOLE base → 30.0001 元 → 30.00 元 (not progressive)
    [500_000, 5_000, 1], // 5000 元 exactly: 1 %
    [500_001, 7_500, 2], // 5000.01 × 1.5 % = 75.00015 → 75.00
    [1_000_000, 15_000, 2], // 10000 元 exactly: 1.5 %
    [1_000_001, 20_000, 3], // 10000.01 × 2 % = 200.0002 → 200.00
    [2_345_678, 46_914, 3], // 23456.78 × 2 % = 469.1356 → 469.14
  ])('base %i 分 → %i 分 (bracket %i)', (base, due, bracket) => {
    const r = monthlyDue('employed', base, s);
    expect(r.monthlyFen).toBe(due);
    expect(r.bracket).toBe(bracket);
  });

  it('rounds half up to the 分 with integers (no floating point): 0.5 分 goes up, 0.4999 down', () => {
    expect(applyRate(100, 50)).toBe(1); // 1.00 元 × 0.5 % = 0.5 分 → 1 分
    expect(applyRate(99, 50)).toBe(0); // 0.495 分 → 0
    expect(applyRate(300_100, 150)).toBe(4_502); // 4501.5 → 4502
    expect(applyRate(333_333, 100)).toBe(3_333); // 3333.33 → 3333
    // A float would give 0.1 + 0.2 errors; integers never: 700 元 × 1.5 %.
    expect(applyRate(70_000, 150)).toBe(1_050);
  });

  it('年薪制 and 个体 use the same brackets; 个体 base is last quarter’s average monthly net income, half up', () => {
    expect(monthlyDue('annual_salary', 800_000, s).monthlyFen).toBe(12_000);
    expect(quarterAverageFen([400_000, 500_000, 600_001])).toBe(500_000); // 1500001/3 = 500000.33 → 500000
    expect(quarterAverageFen([1, 1, 0])).toBe(1); // 0.67 → 1
    expect(monthlyDue('self_employed', quarterAverageFen([400_000, 500_000, 600_001]), s).rateBp).toBe(100);
  });

  it('explains the rule in plain words', () => {
    const r = monthlyDue('employed', 300_001, s);
    expect(r.ruleText.zh).toContain('1%');
    expect(r.ruleText.zh).toContain('不累进');
    expect(r.bracketText.zh).toBe('3000元以上至5000元（含）');
    expect(r.ruleText.zh).toContain('=30.00元');
  });
});

describe('retired members: pension ≤5000 元 0.5 %, above 1 % (RULES.md §4)', () => {
  it('base is the total pension: 基本养老金 + 企业年金 + 统筹外养老金', () => {
    expect(pensionBaseFen({ basicFen: 400_000, annuityFen: 80_000, otherFen: 20_000 })).toBe(500_000);
  });
  it.each([[500_000, 2_500], [500_001, 5_000], [420_000, 2_100]])('pension %i 分 → %i 分', (base, due) => {
    expect(monthlyDue('retired', base, s).monthlyFen).toBe(due);
  });
});

describe('fixed amounts (RULES.md §4)', () => {
  it('students, unemployed, on relief or 低保: 0.2 元', () => {
    expect(monthlyDue('low_income', null, s).monthlyFen).toBe(20);
  });
  it('farmers: 0.2–1 元 by the tenant setting; mobile members without fixed income by their own setting', () => {
    expect(monthlyDue('farmer', null, s).monthlyFen).toBe(20);
    expect(monthlyDue('farmer', null, { ...s, farmerFen: 100 }).monthlyFen).toBe(100);
    expect(monthlyDue('mobile', null, { ...s, mobileFen: 50 }).monthlyFen).toBe(50);
  });
  it('a base category without a base is refused', () => {
    expect(() => monthlyDue('employed', null, s)).toThrow(RangeError);
    expect(() => monthlyDue('employed', -1, s)).toThrow(RangeError);
  });
});

describe('when a 预备党员 starts paying is a setting (RULES.md §4, disputed)', () => {
  it('from the 支部大会 month, or the month the 党委 approves', () => {
    expect(firstDuesMonth('2026-03-28', '2026-05-10', s)).toBe('2026-03');
    expect(firstDuesMonth('2026-03-28', '2026-05-10', { ...s, probationaryStart: 'committee_approval' })).toBe('2026-05');
    expect(firstDuesMonth('2026-03-28', null, { ...s, probationaryStart: 'committee_approval' })).toBe('2026-03');
  });
});

describe('months, paid-until and streaks', () => {
  it('month arithmetic across years', () => {
    expect(addMonthsYm('2026-11', 3)).toBe('2027-02');
    expect(addMonthsYm('2026-01', -1)).toBe('2025-12');
    expect(monthRange('2026-11', '2027-01')).toEqual(['2026-11', '2026-12', '2027-01']);
  });
  it('党费交至 is the last month up to which every month is settled (waived months count as settled)', () => {
    const b = (month: string, due: number, paid: number, waived = 0) => ({ month, dueFen: due, paidFen: paid, waivedFen: waived });
    expect(paidUntil([])).toBeNull();
    expect(paidUntil([b('2026-01', 100, 100), b('2026-02', 100, 0, 100), b('2026-03', 100, 50), b('2026-04', 100, 100)])).toBe('2026-02');
    expect(paidUntil([b('2026-01', 100, 100), b('2026-02', 0, 100)])).toBe('2026-02'); // paid ahead
    expect(paidUntil([b('2026-01', 100, 0)])).toBeNull();
  });
  it('unpaid streak counts back from the last month', () => {
    const b = (month: string, due: number, paid: number) => ({ month, dueFen: due, paidFen: paid, waivedFen: 0 });
    const ledger = [b('2026-01', 100, 100), ...monthRange('2026-02', '2026-07').map((m) => b(m, 100, 0))];
    expect(unpaidStreak(ledger, '2026-07')).toEqual({ months: 6, since: '2026-02' });
    expect(unpaidStreak(ledger, '2026-04')).toEqual({ months: 3, since: '2026-02' });
  });
  it('3 months unpaid → reminder; 6 consecutive → case for the branch (never automatic)', () => {
    expect(alertFor(2, s)).toBeNull();
    expect(alertFor(3, s)).toBe('reminder');
    expect(alertFor(5, s)).toBe('reminder');
    expect(alertFor(6, s)).toBe('case');
  });
});

describe('back payment, voluntary payments, allocation', () => {
  it('back payment is limited to 6 months (RULES.md §4): older months need approval', () => {
    expect(monthsBeyondBackPayLimit(['2026-04', '2026-05', '2026-11'], '2026-11', s)).toEqual(['2026-04']);
  });
  it('a single voluntary payment of 1000 元 or more goes wholly to 中央 (RULES.md §4)', () => {
    expect(isCentralVoluntary(99_999)).toBe(false);
    expect(isCentralVoluntary(100_000)).toBe(true);
  });
  it('allocates oldest first, partially, and returns the rest', () => {
    expect(allocate(250, [{ month: '2026-01', owedFen: 100 }, { month: '2026-02', owedFen: 100 }, { month: '2026-03', owedFen: 100 }]))
      .toEqual({ allocations: [{ month: '2026-01', amountFen: 100 }, { month: '2026-02', amountFen: 100 }, { month: '2026-03', amountFen: 50 }], leftFen: 0 });
    expect(allocate(150, [{ month: '2026-01', owedFen: 100 }]).leftFen).toBe(50);
  });
  it('formats 分 as 元 without floats', () => {
    expect(yuan(1)).toBe('0.01');
    expect(yuan(123_456)).toBe('1234.56');
    expect(yuan(-5)).toBe('-0.05');
  });
});

describe('hardship approval chain (RULES.md §4: member applies, branch reviews, higher 党委 approves)', () => {
  it('reduction and exemption need the branch review before the 党委 approves', () => {
    expect(nextRequestState('exemption', 'submitted', 'approve')).toBeNull();
    expect(nextRequestState('exemption', 'submitted', 'review')).toBe('reviewed');
    expect(nextRequestState('exemption', 'reviewed', 'approve')).toBe('approved');
    expect(nextRequestState('reduction', 'reviewed', 'reject')).toBe('rejected');
    expect(nextRequestState('reduction', 'approved', 'reject')).toBeNull();
    expect(nextRequestState('reduction', 'reviewed', 'withdraw')).toBeNull();
  });
  it('back payment beyond the limit goes to the 党委 directly', () => {
    expect(nextRequestState('back_payment', 'submitted', 'approve')).toBe('approved');
    expect(nextRequestState('back_payment', 'submitted', 'review')).toBeNull();
  });
  it('an exemption waives the whole due; a reduction what exceeds the reduced amount', () => {
    expect(waiverFor('exemption', 1_500, null)).toBe(1_500);
    expect(waiverFor('reduction', 1_500, 500)).toBe(1_000);
    expect(waiverFor('reduction', 300, 500)).toBe(0);
  });
});
