/** zh-CN wording: 发展党员 workflow, quota, holiday calendar. */
export const zhDevelopment = {
} as const;
