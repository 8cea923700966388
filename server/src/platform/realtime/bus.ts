/**
 * The bus between server processes: "channel X has news". One interface, two carriers:
 *  - PostgreSQL: LISTEN/NOTIFY on a dedicated connection. A NOTIFY issued inside a transaction reaches every
 *    listening process (this one included) when the transaction commits, and never if it rolls back.
 *  - PGlite: one process owns the embedded database, and its socket server admits one connection, which the
 *    query pool holds (measured: a second client is refused; a LISTEN on the pool's connection would be shared
 *    with every query). So the bus is in-process there.
 * In both, `committed` is called by the writer right after its transaction commits, so this process's own sockets
 * are served without waiting for the round trip; the NOTIFY that arrives later finds nothing new (the hub reads the
 * log after each socket's last sequence, so a duplicate note is harmless and a lost one is repaired by the next).
 */
import pg from 'pg';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { decodeNote, encodeNote, NOTIFY_CHANNEL, type BusNote } from './events.js';

export interface RealtimeBus {
  readonly kind: 'postgresql' | 'local';
  /** Starts delivering notes (from every process) to `handler`. */
  start(handler: (note: BusNote) => void): Promise<void>;
  /** The writer's transaction committed: deliver here now (other processes hear the transaction's NOTIFY). */
  committed(notes: readonly BusNote[]): void;
  /** A note outside any transaction (presence): to every process. */
  announce(note: BusNote): Promise<void>;
  close(): Promise<void>;
}

export class LocalBus implements RealtimeBus {
  readonly kind = 'local' as const;
  private handler: ((note: BusNote) => void) | null = null;
  async start(handler: (note: BusNote) => void): Promise<void> { this.handler = handler; }
  committed(notes: readonly BusNote[]): void { for (const n of notes) this.handler?.(n); }
  async announce(note: BusNote): Promise<void> { this.handler?.(note); }
  async close(): Promise<void> { this.handler = null; }
}

/** LISTEN on its own connection (not from the pool: a pooled connection is shared by queries and may be replaced). */
export class PgNotifyBus implements RealtimeBus {
  readonly kind = 'postgresql' as const;
  private client: pg.Client | null = null;
  private handler: ((note: BusNote) => void) | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(private readonly connection: pg.ClientConfig, private readonly notifyVia: (payload: string) => Promise<void>, private readonly log: (msg: string, err?: unknown) => void = () => undefined) {}

  async start(handler: (note: BusNote) => void): Promise<void> {
    this.handler = handler;
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(this.connection);
    client.on('notification', (n) => {
      if (n.channel !== NOTIFY_CHANNEL || !n.payload) return;
      const note = decodeNote(n.payload);
      if (note) this.handler?.(note);
    });
    // A dropped listener connection is re-opened; notes sent meanwhile are lost, so every channel with sockets here
    // is re-read once the connection is back (the handler gets a wildcard note).
    client.on('error', (err) => this.reconnect(client, err));
    client.on('end', () => this.reconnect(client));
    await client.connect();
    await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    this.client = client;
  }

  private reconnect(client: pg.Client, err?: unknown): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    this.log('realtime listener connection lost; reconnecting', err);
    const again = (delay: number) => {
      this.retry = setTimeout(() => {
        this.connect().then(() => this.handler?.({ tenantId: '*', channel: '*', kind: 'event' }), () => again(Math.min(delay * 2, 10_000)));
      }, delay);
    };
    again(250);
  }

  committed(notes: readonly BusNote[]): void { for (const n of notes) this.handler?.(n); }

  /** Through the query pool, not the listening connection (which must stay free to receive). */
  async announce(note: BusNote): Promise<void> {
    await this.notifyVia(encodeNote(note));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const c = this.client;
    this.client = null;
    this.handler = null;
    if (c) await c.end().catch(() => undefined);
  }
}

export function busFor(database: Database, log?: (msg: string, err?: unknown) => void): RealtimeBus {
  if (database.kind !== 'postgresql') return new LocalBus();
  return new PgNotifyBus(database.connection, async (payload) => { await sql`select pg_notify(${NOTIFY_CHANNEL}, ${payload})`.execute(database.db); }, log);
}
