// HTTP load generator, run in its own worker thread so the client never shares an event loop with
// the server under test (a blocked server thread must not also stop the clock that measures it).
// Plain JavaScript so it loads in a worker without a TypeScript loader. Every run is bounded by its
// duration and by a per-request timeout; the worker answers one message per command.
//
// Commands (postMessage):
//   { type: 'closed', url, headers, concurrency, durationMs }
//       `concurrency` keep-alive connections, each sending its next request as soon as the previous
//       response has been read (what autocannon does without pipelining).
//   { type: 'open', url, headers, rate, durationMs }
//       requests sent on a fixed schedule (`rate` per second) whatever the server does; latency is
//       measured from the scheduled send time, so a stalled server cannot hide its stall
//       (no coordinated omission).
//   { type: 'exit' }
// Answer: { type: 'result', latencies: Float64Array (ms), sentAt: Float64Array (epoch ms, open only),
//           ok, errors, non2xx, elapsedMs, bytes }
import http from 'node:http';
import { parentPort } from 'node:worker_threads';

const REQUEST_TIMEOUT_MS = 15_000;
const MAX_SAMPLES = 5_000_000;

const epochNow = () => performance.timeOrigin + performance.now();

class Samples {
  constructor() { this.lat = new Float64Array(1 << 16); this.at = new Float64Array(1 << 16); this.n = 0; }
  push(latency, at) {
    if (this.n >= MAX_SAMPLES) return;
    if (this.n === this.lat.length) {
      const grow = (a) => { const b = new Float64Array(a.length * 2); b.set(a); return b; };
      this.lat = grow(this.lat); this.at = grow(this.at);
    }
    this.lat[this.n] = latency; this.at[this.n] = at; this.n++;
  }
}

function request(agent, url, headers, onDone) {
  let finished = false;
  const done = (status, bytes) => { if (!finished) { finished = true; onDone(status, bytes); } };
  const req = http.request({ agent, host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'GET', headers }, (res) => {
    let bytes = 0;
    res.on('data', (c) => { bytes += c.length; });
    res.on('end', () => done(res.statusCode ?? 0, bytes));
    res.on('error', () => done(0, bytes));
  });
  req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('timeout')));
  req.on('error', () => done(0, 0));
  req.end();
}

function closedLoop({ url, headers, concurrency, durationMs }) {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const samples = new Samples();
  let ok = 0, errors = 0, non2xx = 0, bytes = 0;
  const start = performance.now();
  const end = start + durationMs;
  return new Promise((resolve) => {
    let running = concurrency;
    const next = () => {
      if (performance.now() >= end) {
        if (--running === 0) {
          agent.destroy();
          resolve({ samples, ok, errors, non2xx, bytes, elapsedMs: performance.now() - start });
        }
        return;
      }
      const t0 = performance.now();
      request(agent, target, headers, (status, b) => {
        const t1 = performance.now();
        if (status === 0) errors++;
        else if (status < 200 || status >= 300) non2xx++;
        else { ok++; bytes += b; samples.push(t1 - t0, performance.timeOrigin + t0); }
        next();
      });
    };
    for (let i = 0; i < concurrency; i++) next();
  });
}

function openLoop({ url, headers, rate, durationMs }) {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const samples = new Samples();
  const interval = 1000 / rate;
  const total = Math.floor((durationMs / 1000) * rate);
  let ok = 0, errors = 0, non2xx = 0, bytes = 0, sent = 0, answered = 0;
  const start = performance.now();
  return new Promise((resolve) => {
    const finish = () => { agent.destroy(); resolve({ samples, ok, errors, non2xx, bytes, elapsedMs: performance.now() - start }); };
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        const scheduled = start + sent * interval;
        sent++;
        request(agent, target, headers, (status, b) => {
          answered++;
          if (status === 0) errors++;
          else if (status < 200 || status >= 300) non2xx++;
          else { ok++; bytes += b; samples.push(performance.now() - scheduled, performance.timeOrigin + scheduled); }
          if (answered === total) finish();
        });
      }
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
    };
    if (total === 0) finish(); else tick();
  });
}

parentPort.on('message', async (msg) => {
  if (msg.type === 'exit') { process.exit(0); }
  const r = msg.type === 'closed' ? await closedLoop(msg) : await openLoop(msg);
  const latencies = r.samples.lat.slice(0, r.samples.n);
  const sentAt = r.samples.at.slice(0, r.samples.n);
  parentPort.postMessage({ type: 'result', latencies, sentAt, ok: r.ok, errors: r.errors, non2xx: r.non2xx, bytes: r.bytes, elapsedMs: r.elapsedMs, startedAt: epochNow() - r.elapsedMs }, [latencies.buffer, sentAt.buffer]);
});
