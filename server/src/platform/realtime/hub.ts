/**
 * One per server process: the sockets connected here, grouped by channel, and the fan-out. When the bus says a
 * channel has news, the hub reads the log after the lowest sequence any of its sockets on that channel has seen and
 * hands each socket the events it has not seen, in order. Reads are coalesced: while one is running, further notes
 * only mark the channel for one more read, so a burst of writes costs a few queries, not one per socket per event.
 * Presence (who is connected, across processes) lives in realtime_presence and travels as deltas.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { withTenant, type Tx, type TxContext } from '../db/tenancy.js';
import type { RealtimeBus } from './bus.js';
import { appendEvent, eventsAfter, type BusNote, type RealtimeEvent } from './events.js';

export interface PresentUser { userId: string; personId: string | null; name: string }

/** What the hub needs of a connected socket (live-route.ts implements it over a WebSocket). */
export interface HubSocket {
  readonly id: string;
  readonly tenantId: string;
  readonly channel: string;
  readonly userId: string;
  /** The last sequence this socket has been sent (or, at connect, had already seen). */
  sentSeq: number;
  /** A message, or one already serialized (a frame sent to a whole room is serialized once, not once per socket). */
  send(message: ServerMessage | string): void;
}

export type ServerMessage =
  | { t: 'event'; seq: number; type: string; data: unknown; at: string }
  | { t: 'presence'; full?: PresentUser[]; add?: PresentUser[]; remove?: string[] }
  | { t: 'ready'; seq: number }
  | { t: 'pong' };

interface ChannelState {
  tenantId: string;
  channel: string;
  sockets: Set<HubSocket>;
  reading: boolean;
  again: boolean;
  /** Settles when the running read (including any rounds it was asked to repeat) has finished. */
  readDone: Promise<void> | null;
  presence: Map<string, PresentUser>;
  /** The full presence message as sent to each joining socket, serialized once per change (a join burst reuses it). */
  presenceFull: string | null;
  presenceTimer: NodeJS.Timeout | null;
}

/** A presence row counts while its process refreshed it within this window (a crashed process's rows age out). */
const PRESENCE_FRESH_SECONDS = 60;
const PRESENCE_REFRESH_MS = 20_000;
const PRESENCE_DEBOUNCE_MS = 300;

const sysCtx = (tenantId: string): TxContext => ({ tenantId, actorId: null, actorName: '实时通道', sourceIp: '' });
const keyOf = (tenantId: string, channel: string) => `${tenantId}\u0000${channel}`;

export type Emit = (channel: string, type: string, data: unknown) => Promise<number>;

export class RealtimeHub {
  readonly nodeId = randomUUID();
  private readonly channels = new Map<string, ChannelState>();
  private refreshTimer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Kysely<DB>, readonly bus: RealtimeBus, private readonly log: (msg: string, err?: unknown) => void = () => undefined) {}

  async start(): Promise<void> {
    await this.bus.start((note) => this.onNote(note));
    this.refreshTimer = setInterval(() => { void this.refreshPresence(); }, PRESENCE_REFRESH_MS);
    this.refreshTimer.unref();
  }

  async close(): Promise<void> {
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    for (const s of this.channels.values()) if (s.presenceTimer) clearTimeout(s.presenceTimer);
    // This process's presence rows go with it.
    const tenants = new Set([...this.channels.values()].map((c) => c.tenantId));
    for (const tenantId of tenants) {
      await withTenant(this.db, sysCtx(tenantId), (tx) => tx.deleteFrom('realtime_presence').where('node_id', '=', this.nodeId).execute()).catch(() => undefined);
    }
    this.channels.clear();
    await this.bus.close();
  }

  /**
   * Runs a use case in one tenant-scoped transaction with `emit` to append events; once it has committed, the events
   * are delivered (here at once, elsewhere by the transaction's NOTIFY). A rolled-back use case emits nothing.
   */
  async withEvents<T>(ctx: TxContext, fn: (tx: Tx, emit: Emit) => Promise<T>): Promise<T> {
    const notes = new Map<string, BusNote & { events: RealtimeEvent[] }>();
    const result = await withTenant(this.db, ctx, (tx) => fn(tx, async (channel, type, data) => {
      const note = notes.get(channel) ?? { tenantId: ctx.tenantId, channel, kind: 'event' as const, events: [] };
      notes.set(channel, note);
      const e = await appendEvent(tx, ctx.tenantId, channel, type, data);
      note.events.push(e);
      return e.seq;
    }));
    this.bus.committed([...notes.values()]);
    return result;
  }

  /** Sockets connected to this process on a channel (tests and the benchmark read it). */
  socketCount(tenantId: string, channel: string): number {
    return this.channels.get(keyOf(tenantId, channel))?.sockets.size ?? 0;
  }

  /** Registers a socket and brings it up to date from its `sentSeq`; records its presence. */
  async join(sock: HubSocket, user: PresentUser): Promise<void> {
    const key = keyOf(sock.tenantId, sock.channel);
    let state = this.channels.get(key);
    if (!state) {
      state = { tenantId: sock.tenantId, channel: sock.channel, sockets: new Set(), reading: false, again: false, readDone: null, presence: new Map(), presenceFull: null, presenceTimer: null };
      this.channels.set(key, state);
    }
    state.sockets.add(sock);
    await this.read(state);
    sock.send({ t: 'ready', seq: sock.sentSeq });
    state.presenceFull ??= JSON.stringify({ t: 'presence', full: [...state.presence.values()] } satisfies ServerMessage);
    sock.send(state.presenceFull);
    await withTenant(this.db, sysCtx(sock.tenantId), (tx) => tx.insertInto('realtime_presence').values({
      tenant_id: sock.tenantId, channel: sock.channel, connection_id: sock.id, user_id: user.userId, node_id: this.nodeId,
    }).execute());
    await this.bus.announce({ tenantId: sock.tenantId, channel: sock.channel, kind: 'presence' });
  }

  async leave(sock: HubSocket): Promise<void> {
    const key = keyOf(sock.tenantId, sock.channel);
    const state = this.channels.get(key);
    if (!state || !state.sockets.delete(sock)) return;
    if (state.sockets.size === 0) {
      if (state.presenceTimer) clearTimeout(state.presenceTimer);
      this.channels.delete(key);
    }
    await withTenant(this.db, sysCtx(sock.tenantId), (tx) => tx.deleteFrom('realtime_presence').where('connection_id', '=', sock.id).execute());
    await this.bus.announce({ tenantId: sock.tenantId, channel: sock.channel, kind: 'presence' });
  }

  /** Users connected to a channel now, from every process. */
  async presentUsers(tx: Tx, channel: string): Promise<PresentUser[]> {
    const rows = await tx.selectFrom('realtime_presence as p').innerJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.user_id', 'u.person_id', 'u.display_name'])
      .where('p.channel', '=', channel)
      .where('p.seen_at', '>', new Date(Date.now() - PRESENCE_FRESH_SECONDS * 1000))
      .distinct().execute();
    return rows.map((r) => ({ userId: r.user_id, personId: r.person_id, name: r.display_name }));
  }

  private onNote(note: BusNote): void {
    if (note.tenantId === '*') {
      // The listener reconnected: notes may have been missed, so every channel is read again.
      for (const s of this.channels.values()) { void this.read(s); this.schedulePresence(s); }
      return;
    }
    const state = this.channels.get(keyOf(note.tenantId, note.channel));
    if (!state) return;
    if (note.kind === 'presence') this.schedulePresence(state);
    else if (note.events?.length && !state.reading && this.deliverDirect(state, note.events)) return;
    else void this.read(state);
  }

  /**
   * This process's own commit: when every socket on the channel is exactly up to the first new event, the events are
   * sent as they are, without reading them back (the common case, and the fast one). Otherwise the log is read.
   */
  private deliverDirect(state: ChannelState, events: RealtimeEvent[]): boolean {
    const first = events[0]!.seq;
    for (const s of state.sockets) if (s.sentSeq !== first - 1) return false;
    for (const e of events) {
      const msg = JSON.stringify({ t: 'event', seq: e.seq, type: e.type, data: e.data, at: e.at } satisfies ServerMessage);
      for (const s of state.sockets) { s.sentSeq = e.seq; s.send(msg); }
    }
    return true;
  }

  /** Reads the log after the lowest sequence the channel's sockets have seen and delivers in order; coalesced. */
  private async read(state: ChannelState): Promise<void> {
    if (state.reading) {
      // One more round picks up what this caller needs; a joining socket must not report ready before its events went out.
      state.again = true;
      await state.readDone;
      return;
    }
    state.reading = true;
    let done: () => void = () => undefined;
    state.readDone = new Promise((r) => { done = r; });
    try {
      do {
        state.again = false;
        for (;;) {
          if (state.sockets.size === 0) break;
          let from = Infinity;
          for (const s of state.sockets) from = Math.min(from, s.sentSeq);
          const events: RealtimeEvent[] = await withTenant(this.db, sysCtx(state.tenantId), (tx) => eventsAfter(tx, state.tenantId, state.channel, from));
          for (const e of events) {
            const msg = JSON.stringify({ t: 'event', seq: e.seq, type: e.type, data: e.data, at: e.at } satisfies ServerMessage);
            for (const s of state.sockets) {
              // A socket that joined during this read, further behind than `from`, waits for the next round (its
              // join asked for one): sending it these events would skip the ones between.
              if (e.seq <= s.sentSeq || s.sentSeq < from) continue;
              s.sentSeq = e.seq;
              s.send(msg);
            }
          }
          if (events.length < 500) break;
        }
      } while (state.again);
    } catch (err) {
      this.log('realtime read failed', err);
    } finally {
      state.reading = false;
      state.readDone = null;
      done();
    }
  }

  private schedulePresence(state: ChannelState): void {
    if (state.presenceTimer) return;
    state.presenceTimer = setTimeout(() => {
      state.presenceTimer = null;
      void this.pushPresence(state);
    }, PRESENCE_DEBOUNCE_MS);
  }

  /** Recomputes the channel's presence from the table and sends the change to this process's sockets. */
  private async pushPresence(state: ChannelState): Promise<void> {
    try {
      const users = await withTenant(this.db, sysCtx(state.tenantId), (tx) => this.presentUsers(tx, state.channel));
      const now = new Map(users.map((u) => [u.userId, u]));
      const add = users.filter((u) => !state.presence.has(u.userId));
      const remove = [...state.presence.keys()].filter((id) => !now.has(id));
      state.presence = now;
      if (add.length === 0 && remove.length === 0) return;
      state.presenceFull = null;
      // One delta per room per debounce tick, however many joined or left meanwhile (a join burst of a large room).
      const msg = JSON.stringify({ t: 'presence', add, remove } satisfies ServerMessage);
      for (const s of state.sockets) s.send(msg);
    } catch (err) {
      this.log('realtime presence failed', err);
    }
  }

  /** Keeps this process's presence rows fresh and drops rows of processes that stopped refreshing theirs. */
  private async refreshPresence(): Promise<void> {
    const byTenant = new Map<string, string[]>();
    for (const s of this.channels.values()) {
      const ids = byTenant.get(s.tenantId) ?? [];
      for (const sock of s.sockets) ids.push(sock.id);
      byTenant.set(s.tenantId, ids);
    }
    for (const [tenantId, ids] of byTenant) {
      await withTenant(this.db, sysCtx(tenantId), async (tx) => {
        if (ids.length) await tx.updateTable('realtime_presence').set({ seen_at: new Date() }).where('connection_id', 'in', ids).execute();
        await tx.deleteFrom('realtime_presence').where('seen_at', '<', new Date(Date.now() - 10 * PRESENCE_FRESH_SECONDS * 1000)).execute();
      }).catch((err: unknown) => this.log('realtime presence refresh failed', err));
    }
    for (const s of this.channels.values()) this.schedulePresence(s);
  }
}
