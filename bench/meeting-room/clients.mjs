// Worker thread: the 1,000 WebSocket participants of the meeting-room benchmark, kept off the server's event loop.
// Records when each client received each room event (performance.timeOrigin + now(): comparable across threads).
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

const { url, origin, cookies, after } = workerData;
const now = () => performance.timeOrigin + performance.now();
/** Per client: socket, last seq, gap count, and arrival times of closed votes and turnout counts. */
// Each client starts where the room's snapshot left it (the browser reads GET …/room, then connects with ?after=seq).
const clients = cookies.map((cookie) => ({ cookie, ws: null, seq: after ?? 0, gaps: 0, dups: 0, ready: false, closedAt: new Map(), turnoutAt: new Map() }));

function connect(c) {
  return new Promise((resolve, reject) => {
    c.ready = false;
    const ws = new WebSocket(`${url}?after=${c.seq}`, { headers: { cookie: c.cookie }, origin });
    c.ws = ws;
    ws.on('message', (raw) => {
      // Like the browser (web/src/modules/meetings/room/useRoom.ts): frames of a socket already dropped are ignored,
      // and so is an event seen before; an event past the next one is a gap (a missed event).
      if (c.ws !== ws) return;
      const m = JSON.parse(raw.toString());
      if (m.t === 'ready') { c.ready = true; resolve(); return; }
      if (m.t !== 'event') return;
      if (m.seq <= c.seq) { c.dups++; return; }
      if (m.seq !== c.seq + 1) c.gaps++;
      c.seq = m.seq;
      if (m.type === 'vote' && m.data.state === 'closed') c.closedAt.set(m.data.id, now());
      if (m.type === 'turnout') { const k = `${m.data.voteId}:${m.data.cast}`; if (!c.turnoutAt.has(k)) c.turnoutAt.set(k, now()); }
    });
    ws.on('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.on('close', (code, reason) => {
      if (!c.ready) reject(new Error(`closed ${code} ${reason} before ready`));
      else if (c.ws === ws) closes.set(code, (closes.get(code) ?? 0) + 1);
    });
    ws.on('error', reject);
  });
}

async function connectAll(list, concurrency = 100) {
  let i = 0;
  const t0 = now();
  await Promise.all(Array.from({ length: concurrency }, async () => { while (i < list.length) await connect(list[i++]); }));
  return now() - t0;
}

/** Close codes of current sockets closed by the server after they were ready (none expected). */
const closes = new Map();

parentPort.on('message', async (msg) => {
  try {
    if (msg.type === 'connect') {
      const ms = await connectAll(clients);
      parentPort.postMessage({ type: 'connected', ms });
    } else if (msg.type === 'storm') {
      // Every socket drops at once (as when the server restarts or a building's network blips), then all reconnect
      // at once, each resuming after the last event it saw.
      for (const c of clients) c.ws.terminate();
      const ms = await connectAll(clients, clients.length);
      parentPort.postMessage({ type: 'stormed', ms });
    } else if (msg.type === 'closedTimes') {
      const times = clients.map((c) => c.closedAt.get(msg.voteId) ?? null);
      parentPort.postMessage({ type: 'closedTimes', times });
    } else if (msg.type === 'turnoutTimes') {
      // For each turnout count k, when the last client saw it (null when some client never did).
      const out = [];
      for (let k = 1; k <= msg.n; k++) {
        let last = 0;
        for (const c of clients) { const at = c.turnoutAt.get(`${msg.voteId}:${k}`); if (at === undefined) { last = null; break; } last = Math.max(last, at); }
        out.push(last);
      }
      parentPort.postMessage({ type: 'turnoutTimes', times: out });
    } else if (msg.type === 'stats') {
      parentPort.postMessage({ type: 'stats', seqs: clients.map((c) => c.seq), gaps: clients.reduce((n, c) => n + c.gaps, 0), dups: clients.reduce((n, c) => n + c.dups, 0), closes: Object.fromEntries(closes), ready: clients.filter((c) => c.ready).length });
    } else if (msg.type === 'close') {
      for (const c of clients) c.ws?.terminate();
      parentPort.postMessage({ type: 'closed' });
    }
  } catch (err) {
    parentPort.postMessage({ type: 'error', message: String(err?.stack ?? err) });
  }
});
