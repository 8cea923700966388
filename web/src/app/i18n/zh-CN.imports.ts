/** zh-CN wording: Excel import and export. */
export const zhImports = {
} as const;
