/** en-US wording: 组织关系转接. */
export const enTransfers = {
} as const;
