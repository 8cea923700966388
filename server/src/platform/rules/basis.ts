import type { Msg } from '../http/errors.js';

/**
 * The regulations behind each section of ../shared/domain/RULES.md, named as a secretary would cite them. A refusal or
 * a finding carries two citations: `rule` ('RULES.md §2: …', English, exact: for the audit record, the API and the
 * tests) and `basis` (the regulation, in the reader's language: what the screens show after 依据).
 */
export const RULE_BASIS = {
  1: { zh: '《中国共产党章程》《中国共产党支部工作条例（试行）》', en: 'the Party Constitution and the Regulations on the Work of Party Branches (trial)' },
  2: { zh: '《中国共产党发展党员工作细则》', en: 'the Detailed Rules on Recruiting Party Members' },
  3: { zh: '党员组织关系转接的有关规定', en: 'the rules on transferring members’ organizational relations' },
  5: { zh: '《中国共产党支部工作条例（试行）》', en: 'the Regulations on the Work of Party Branches (trial)' },
} as const satisfies Record<number, Msg>;

const ANY_RULES: Msg = { zh: '有关规定', en: 'the applicable rules' };

/** The basis of a stored citation ('RULES.md §2: …'): for records written before `basis` was kept with them. */
export function basisOf(rule: string): Msg {
  const section = /^RULES\.md §(\d+)/.exec(rule)?.[1];
  return (section && (RULE_BASIS as Record<string, Msg>)[section]) || ANY_RULES;
}
