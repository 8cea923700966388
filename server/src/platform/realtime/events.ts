/**
 * The per-channel event log (migration 0036): append inside the use case's transaction, read after a sequence.
 * Sequences are per channel, gapless and in commit order (the channel row's lock orders writers), so "everything
 * after N" is exactly what a client that saw N has missed.
 */
import { sql } from 'kysely';
import type { Tx } from '../db/tenancy.js';

export interface RealtimeEvent {
  seq: number;
  type: string;
  data: unknown;
  /** ISO time the event was written. */
  at: string;
}

/** The NOTIFY channel every server process listens on (bus.ts). */
export const NOTIFY_CHANNEL = 'zg_realtime';

/** What travels between server processes: which channel has news. The event itself is read from the table. */
export interface BusNote {
  tenantId: string;
  channel: string;
  /** 'event': the log grew; 'presence': someone connected or left. */
  kind: 'event' | 'presence';
  /**
   * In-process only (never sent over NOTIFY): the events the writer just committed, in order, so this process can hand
   * them to its sockets without reading them back. Other processes read them from the log.
   */
  events?: RealtimeEvent[];
}

export function encodeNote(n: BusNote): string {
  return JSON.stringify({ t: n.tenantId, c: n.channel, k: n.kind === 'presence' ? 'p' : 'e' });
}

export function decodeNote(payload: string): BusNote | null {
  try {
    const o = JSON.parse(payload) as { t?: unknown; c?: unknown; k?: unknown };
    if (typeof o.t !== 'string' || typeof o.c !== 'string') return null;
    return { tenantId: o.t, channel: o.c, kind: o.k === 'p' ? 'presence' : 'event' };
  } catch {
    return null;
  }
}

/**
 * Appends an event to a channel's log in the caller's transaction and announces it with NOTIFY, which PostgreSQL
 * delivers to every listening process only if and when the transaction commits. Returns the event's sequence.
 */
export async function appendEvent(tx: Tx, tenantId: string, channel: string, type: string, data: unknown): Promise<RealtimeEvent> {
  const { rows } = await sql<{ last_seq: number }>`
    insert into realtime_channels (tenant_id, channel, last_seq) values (${tenantId}, ${channel}, 1)
    on conflict (tenant_id, channel) do update set last_seq = realtime_channels.last_seq + 1
    returning last_seq`.execute(tx);
  const seq = Number(rows[0]!.last_seq);
  const at = new Date();
  const json = JSON.stringify(data);
  await tx.insertInto('realtime_events').values({ tenant_id: tenantId, channel, seq, type, data: json, at }).execute();
  await sql`select pg_notify(${NOTIFY_CHANNEL}, ${encodeNote({ tenantId, channel, kind: 'event' })})`.execute(tx);
  // What a reader of the log would get back (a JSON round trip, so the local and the read path send the same).
  return { seq, type, data: JSON.parse(json) as unknown, at: at.toISOString() };
}

/**
 * Takes the channel's row lock now (appendEvent takes it anyway) so that what the caller reads next sees every
 * transaction that appended before it: an event computed from a count (a quorum) is then never older than the event
 * before it on the channel.
 */
export async function lockChannel(tx: Tx, tenantId: string, channel: string): Promise<void> {
  await sql`insert into realtime_channels (tenant_id, channel, last_seq) values (${tenantId}, ${channel}, 0)
    on conflict (tenant_id, channel) do update set last_seq = realtime_channels.last_seq`.execute(tx);
}

/** The channel's last sequence (0 before its first event). Read it before the state a snapshot shows. */
export async function lastSeq(tx: Tx, tenantId: string, channel: string): Promise<number> {
  const r = await tx.selectFrom('realtime_channels').select('last_seq').where('tenant_id', '=', tenantId).where('channel', '=', channel).executeTakeFirst();
  return Number(r?.last_seq ?? 0);
}

export async function eventsAfter(tx: Tx, tenantId: string, channel: string, after: number, limit = 500): Promise<RealtimeEvent[]> {
  const rows = await tx.selectFrom('realtime_events').select(['seq', 'type', 'data', 'at'])
    .where('tenant_id', '=', tenantId).where('channel', '=', channel).where('seq', '>', after)
    .orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({ seq: Number(r.seq), type: r.type, data: r.data, at: new Date(r.at).toISOString() }));
}
