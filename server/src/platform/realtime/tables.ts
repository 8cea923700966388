/** Kysely types of the realtime platform's tables (listed in platform/db/schema.ts `DB`); migration 0036_realtime.sql. */
import type { ColumnType, Generated } from 'kysely';

export interface RealtimeChannelsTable {
  tenant_id: string;
  channel: string;
  last_seq: Generated<number>;
}

export interface RealtimeEventsTable {
  tenant_id: string;
  channel: string;
  /** bigint; the driver reads int8 as a number (platform/db/types.ts). */
  seq: number;
  type: string;
  data: ColumnType<unknown, string, never>;
  at: ColumnType<Date, Date | undefined, never>;
}

export interface RealtimePresenceTable {
  tenant_id: string;
  channel: string;
  connection_id: string;
  user_id: string;
  node_id: string;
  connected_at: Generated<Date>;
  seen_at: Generated<Date>;
}

export interface RealtimeTables {
  realtime_channels: RealtimeChannelsTable;
  realtime_events: RealtimeEventsTable;
  realtime_presence: RealtimePresenceTable;
}
