/** en-US wording: 党内统计. */
export const enStats = {
} as const;
