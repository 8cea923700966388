/** zh-CN wording: people and member records, my record. */
export const zhMembers = {
} as const;
