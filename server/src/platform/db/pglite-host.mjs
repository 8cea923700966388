// Worker-thread entry that owns the embedded PGlite database and serves it over the PostgreSQL
// wire protocol on a private unix socket. PGlite executes on the thread that calls it; running it
// here keeps long queries off the HTTP server's event loop, and lets the server use the same `pg`
// driver for PGlite and PostgreSQL. Plain JavaScript so it loads in a worker without a TS loader.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { dataDir, socketPath } = workerData;

const db = await PGlite.create(dataDir ?? 'memory://');
const server = new PGLiteSocketServer({ db, path: socketPath });
await server.start();
parentPort.postMessage({ type: 'ready' });

parentPort.on('message', async (msg) => {
  if (msg.type === 'dump') {
    // A consistent snapshot: the socket server serialises queries, and dumpDataDir runs between them.
    const file = await db.dumpDataDir('gzip');
    const bytes = new Uint8Array(await file.arrayBuffer());
    parentPort.postMessage({ type: 'dumped', bytes }, [bytes.buffer]);
  }
  if (msg.type === 'close') {
    await server.stop();
    await db.close();
    parentPort.postMessage({ type: 'closed' });
  }
});
