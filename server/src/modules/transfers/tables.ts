/** Kysely types of this module's tables (listed in platform/db/schema.ts `DB`). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TransferTables {}
