import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.js';
import { APP_ROLE } from './database.js';

/** Who is acting, for row-level security and the audit record. */
export interface TxContext {
  tenantId: string;
  actorId: string | null;
  actorName: string;
  sourceIp: string;
  /** Platform operators may read and create tenants. */
  platform?: boolean;
}

export type Tx = Transaction<DB>;

/**
 * Runs `fn` in one transaction scoped to a tenant: the application role, the tenant and actor are set
 * transaction-locally, so row-level security filters every statement, and an audit record written
 * inside commits or rolls back together with the change it describes.
 */
export async function withTenant<T>(db: Kysely<DB>, ctx: TxContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await setContext(tx, ctx);
    return fn(tx);
  });
}

export async function setContext(tx: Tx, ctx: Pick<TxContext, 'tenantId' | 'platform' | 'actorId'>): Promise<void> {
  await sql`select set_config('role', ${APP_ROLE}, true), set_config('zg.tenant_id', ${ctx.tenantId}, true),
    set_config('zg.platform', ${ctx.platform ? 'on' : 'off'}, true), set_config('zg.actor_id', ${ctx.actorId ?? ''}, true)`.execute(tx);
}

/** Switches the tenant inside the current transaction (tenant creation writes into the new tenant). */
export async function switchTenant(tx: Tx, tenantId: string): Promise<void> {
  await sql`select set_config('zg.tenant_id', ${tenantId}, true)`.execute(tx);
}

export const PLATFORM_TENANT_ID = '00000000-0000-0000-0000-000000000000';
