/** zh-CN wording: 党内统计. */
export const zhStats = {
} as const;
