/** en-US wording: people and member records, my record. */
export const enMembers = {
} as const;
