/**
 * One more application process for bench/exams (`--processes=N`): the real app on the benchmark's PostgreSQL
 * database, listening on a loopback port that it prints as `PORT <n>`; it stops when its parent closes stdin.
 */
import { openDatabase } from '../../server/src/platform/db/database.js';
import { startApp } from '../lib/setup.js';

const url = process.env.BENCH_APP_DATABASE_URL;
if (!url) throw new Error('BENCH_APP_DATABASE_URL is not set');
const database = await openDatabase({ databaseUrl: url, poolSize: 10 });
const { app, baseUrl } = await startApp(database);
process.stdout.write(`PORT ${new URL(baseUrl).port}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void app.close().then(() => database.close()).then(() => process.exit(0));
});
