// Runs the browser journeys: `node --import tsx e2e/run.ts [filter ...]`.
//
// Why a small runner of our own and not a vitest project: every journey runs in order against ONE
// real server process (started once, as users start it) and ONE Chromium, and a failure should
// leave a screenshot of each open page. Vitest would isolate files in workers (one server per
// file, or a globalSetup passing the URL around), run them in parallel, and knows nothing of pages;
// this file is ~150 lines with no magic, and prints plain output for CI.
//
// Discovers e2e/journeys/*.journey.ts in name order; each module exports
//   export const name = '...';
//   export async function run(ctx: JourneyContext): Promise<void>
// Filters (optional arguments) keep the journeys whose file name or exported name contains one of them.
// Env: E2E_RESULTS_FILE (JSON summary for scripts/test.mjs), E2E_JOURNEY_TIMEOUT_S (default 600),
//      E2E_BASE_URL, E2E_SERVER_ENTRY, E2E_SERVER_LOG=1, E2E_KEEP_DATA=1 (see harness.ts).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, Journey, ROOT, launchBrowser, startServer, type JourneyContext, type ServerHandle } from './harness.js';

interface JourneyModule {
  name: string;
  run(ctx: JourneyContext): Promise<void>;
}
interface Result {
  file: string;
  name: string;
  status: 'passed' | 'failed';
  ms: number;
  error?: string;
  screenshots?: string[];
}

const JOURNEYS_DIR = path.join(ROOT, 'e2e', 'journeys');
const journeyTimeoutMs = Number(process.env.E2E_JOURNEY_TIMEOUT_S || 600) * 1000;

async function main(): Promise<number> {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const files = fs
    .readdirSync(JOURNEYS_DIR)
    .filter((f) => f.endsWith('.journey.ts'))
    .sort();
  const modules: { file: string; mod: JourneyModule }[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(JOURNEYS_DIR, file)).href)) as Partial<JourneyModule>;
    if (typeof mod.name !== 'string' || typeof mod.run !== 'function') {
      console.error(`[e2e] ${file} must export "name" (string) and "run" (async function)`);
      return 2;
    }
    if (filters.length && !filters.some((f) => file.includes(f) || mod.name!.includes(f))) continue;
    modules.push({ file, mod: mod as JourneyModule });
  }
  if (!modules.length) {
    console.error(`[e2e] no journey ${filters.length ? `matches ${filters.join(', ')}` : `in ${path.relative(ROOT, JOURNEYS_DIR)}/`}`);
    return 2;
  }
  if (!process.env.E2E_BASE_URL && !fs.existsSync(path.join(ROOT, 'web', 'dist', 'index.html'))) {
    console.error('[e2e] web/dist/index.html is missing: build the web app first (npm run build -w web)');
    return 2;
  }

  console.log(`[e2e] ${modules.length} journey(s): ${modules.map((m) => m.file).join(', ')}`);
  let server: ServerHandle | null = null;
  let browser: Browser | null = null;
  const results: Result[] = [];
  try {
    server = await startServer();
    browser = await launchBrowser();
    console.log(`[e2e] chromium ${browser.version()}`);
    for (const { file, mod } of modules) {
      console.log(`\n[e2e] ▶ ${mod.name}  (${file})`);
      const journey = new Journey(mod.name, server, browser, file.replace(/\.journey\.ts$/, ''));
      const start = Date.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          mod.run(journey),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`journey did not finish within ${journeyTimeoutMs / 1000} s`)), journeyTimeoutMs);
          }),
        ]);
        results.push({ file, name: mod.name, status: 'passed', ms: Date.now() - start });
        console.log(`[e2e] ✓ ${mod.name} (${((Date.now() - start) / 1000).toFixed(1)} s)`);
      } catch (err) {
        const ms = Date.now() - start;
        const screenshots = (await journey.failureShots()).map((f) => path.relative(ROOT, f));
        const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
        results.push({ file, name: mod.name, status: 'failed', ms, error, screenshots });
        console.error(`[e2e] ✗ ${mod.name} (${(ms / 1000).toFixed(1)} s)\n${indent(error)}`);
        if (screenshots.length) console.error(`  failure screenshots: ${screenshots.join(', ')}`);
        if (journey.consoleErrors.length) console.error(`  browser errors:\n${indent(journey.consoleErrors.slice(-20).join('\n'))}`);
        const out = server.output();
        if (out) console.error(`  server output (last lines):\n${indent(out.trimEnd().split('\n').slice(-30).join('\n'))}`);
      } finally {
        clearTimeout(timer);
        await journey.close();
      }
    }
  } catch (err) {
    // The server or the browser did not start: every journey counts as failed.
    console.error(`[e2e] setup failed: ${err instanceof Error ? err.message : String(err)}`);
    for (const { file, mod } of modules.slice(results.length)) {
      results.push({ file, name: mod.name, status: 'failed', ms: 0, error: 'setup failed' });
    }
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
  }

  const passed = results.filter((r) => r.status === 'passed').length;
  const failed = results.length - passed;
  console.log('\n[e2e] results');
  for (const r of results) console.log(`  ${r.status === 'passed' ? 'PASS' : 'FAIL'}  ${r.file}  ${r.name}`);
  console.log(`  screenshots: ${path.relative(ROOT, path.join(ARTIFACTS, 'screenshots'))}/<journey>/`);
  console.log(`[e2e] journeys: ${passed} passed, ${failed} failed`);
  if (process.env.E2E_RESULTS_FILE) {
    fs.mkdirSync(path.dirname(process.env.E2E_RESULTS_FILE), { recursive: true });
    fs.writeFileSync(process.env.E2E_RESULTS_FILE, JSON.stringify({ passed, failed, skipped: 0, journeys: results }, null, 2));
  }
  return failed ? 1 : 0;
}

function indent(s: string): string {
  return s.replace(/^/gm, '    ');
}

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    console.error(`[e2e] ${sig}: stopping`);
    process.exit(130); // harness.ts kills the server's process group on exit
  });
}

process.exit(await main());
