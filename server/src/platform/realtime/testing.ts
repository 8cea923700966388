/** A WebSocket client for tests and the benchmark: collects the server's messages and waits for one that matches. */
import WebSocket from 'ws';
import type { ServerMessage } from './hub.js';

export class LiveClient {
  readonly messages: ServerMessage[] = [];
  lastSeq = 0;
  closedWith: number | null = null;
  private waiters: { pred: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const m = JSON.parse(raw.toString()) as ServerMessage;
      if (m.t === 'event') this.lastSeq = m.seq;
      this.messages.push(m);
      this.waiters = this.waiters.filter((w) => (w.pred(m) ? (w.resolve(m), false) : true));
    });
    ws.on('close', (code) => { this.closedWith = code; });
  }

  /** Opens a socket; rejects with the HTTP status when the upgrade is refused (`Unexpected server response: 403`). */
  static open(url: string, opts: { cookie?: string; origin?: string | null } = {}): Promise<LiveClient> {
    const headers: Record<string, string> = {};
    if (opts.cookie) headers.cookie = opts.cookie;
    const origin = opts.origin === undefined ? new URL(url).origin.replace(/^ws/, 'http') : opts.origin;
    const ws = new WebSocket(url, { headers, ...(origin ? { origin } : {}) });
    const client = new LiveClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => { reject(new Error(`status ${res.statusCode}`)); ws.terminate(); });
      ws.once('error', reject);
    });
  }

  /** The next message (already received or to come) that matches. */
  waitFor<T extends ServerMessage>(pred: (m: ServerMessage) => m is T, timeoutMs?: number): Promise<T>;
  waitFor(pred: (m: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage>;
  waitFor(pred: (m: ServerMessage) => boolean, timeoutMs = 10_000): Promise<ServerMessage> {
    const seen = this.messages.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching message in ${timeoutMs} ms; got ${JSON.stringify(this.messages.slice(-5))}`)), timeoutMs);
      this.waiters.push({ pred, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
  }

  events(): Extract<ServerMessage, { t: 'event' }>[] {
    return this.messages.filter((m): m is Extract<ServerMessage, { t: 'event' }> => m.t === 'event');
  }

  send(obj: unknown): void { this.ws.send(JSON.stringify(obj)); }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => { this.ws.once('close', () => resolve()); this.ws.close(); });
  }
}
