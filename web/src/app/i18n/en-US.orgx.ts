/** en-US wording: org management: move, merge, dissolve, history, positions, terms. */
export const enOrgManage = {
} as const;
