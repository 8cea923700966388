/** en-US wording: Excel import and export. */
export const enImports = {
} as const;
