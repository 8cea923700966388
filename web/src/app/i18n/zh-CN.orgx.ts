/** zh-CN wording: org management: move, merge, dissolve, history, positions, terms. */
export const zhOrgManage = {
} as const;
