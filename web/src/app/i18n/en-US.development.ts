/** en-US wording: 发展党员 workflow, quota, holiday calendar. */
export const enDevelopment = {
} as const;
