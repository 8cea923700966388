/** zh-CN wording: 组织关系转接. */
export const zhTransfers = {
} as const;
