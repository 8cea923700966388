/**
 * A loading thread of bench/search: claims batch numbers from a shared counter, generates the batch's documents,
 * indexes them with the product's buildPassages and inserts them over its own connection, so generation (CPU) and
 * insertion (the server) overlap across threads.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { backgroundDocs, rowsOf } from './corpus.js';
import { insertDocs } from './insert.js';

const { url, tenantId, docs, batchSize, counter } = workerData as { url: string; tenantId: string; docs: number; batchSize: number; counter: SharedArrayBuffer };
const next = new Int32Array(counter);
const client = new pg.Client({ connectionString: url });
await client.connect();
// Not measured and repeatable: no need to wait for the WAL flush of each batch.
await client.query('set synchronous_commit = off');
const batches = Math.ceil(docs / batchSize);
for (let b = Atomics.add(next, 0, 1); b < batches; b = Atomics.add(next, 0, 1)) {
  const n = Math.min(batchSize, docs - b * batchSize);
  const rows = backgroundDocs(b, n).map(rowsOf);
  await client.query('begin');
  await insertDocs((text, params) => client.query(text, params), tenantId, rows);
  await client.query('commit');
  parentPort!.postMessage(n);
}
await client.end();
