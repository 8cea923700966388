// Browser-journey harness: the real server as a child process, Debian's Chromium through
// playwright-core, screenshots and a TOTP helper. Used by e2e/run.ts; see e2e/README.md.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as OTPAuth from 'otpauth';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ARTIFACTS = path.join(ROOT, 'artifacts');
export const SCREENSHOTS = path.join(ARTIFACTS, 'screenshots');

const HEALTH_TIMEOUT_MS = 120_000;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// --headless is added by playwright-core itself (headless: true). Playwright also gives every
// launch a fresh temporary user-data-dir and deletes it on close, so no profile leaks between runs.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// ------------------------------------------------------------------ server

export interface ServerHandle {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  port: number;
  /** The fresh DATA_DIR (embedded PGlite); null when E2E_BASE_URL points at an outside server. */
  dataDir: string | null;
  /** Everything the server printed so far (stdout and stderr interleaved). */
  output(): string;
  /** Resolves with the first match of `re` in the server's output, waiting up to timeoutMs. */
  waitForOutput(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** The demo accounts the server printed at start (DEMO=1); best effort, [] if none were printed. */
  demoAccounts(): Promise<DemoAccounts>;
  stop(): Promise<void>;
}

export interface DemoAccount {
  tenant: string;
  username: string;
  /** e.g. 党委书记 */
  role: string;
  /** e.g. 李宏伟 */
  displayName: string;
}
export interface DemoAccounts {
  /** The shared initial password, when printed. */
  password: string | null;
  accounts: DemoAccount[];
}

/**
 * Parses the banner main.ts prints with DEMO=1:
 *   演示账号（初始密码均为 <password>，首次登录须修改；…）
 *     企业代码 demo     账号 shuji      党委书记（李宏伟）
 */
export function parseDemoAccounts(output: string): DemoAccounts {
  const password = output.match(/初始密码均为\s*([^\s，,；;）)]+)/)?.[1] ?? output.match(/initial password\s+([^\s;,)]+)/)?.[1] ?? null;
  const accounts: DemoAccount[] = [];
  for (const m of output.matchAll(/^\s*企业代码\s+(\S+)\s+账号\s+(\S+)\s+(.+?)[（(](.+?)[）)]\s*$/gm)) {
    accounts.push({ tenant: m[1]!, username: m[2]!, role: m[3]!.trim(), displayName: m[4]! });
  }
  return { password, accounts };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const children = new Set<ChildProcess>();
function killGroup(child: ChildProcess, sig: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, sig);
  } catch {
    /* already gone */
  }
}
const tempDirs = new Set<string>();
// Last resort: never leave a server (or its temp DATA_DIR) behind, whatever way this process ends.
process.on('exit', () => {
  for (const c of children) killGroup(c, 'SIGKILL');
  if (process.env.E2E_KEEP_DATA !== '1') for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
});

/**
 * Starts the server as users do (`node --import tsx src/main.ts` in server/, which is what
 * `npm start -w server` runs) on a free port with a fresh DATA_DIR and DEMO=1, and waits for
 * GET /api/health to answer {"status":"ok"}.
 *
 * E2E_BASE_URL=http://host:port uses an already-running server instead.
 * E2E_SERVER_ENTRY=/path/to/main.ts starts another entry file (for testing the harness itself).
 */
export async function startServer(opts: { env?: Record<string, string> } = {}): Promise<ServerHandle> {
  if (process.env.E2E_BASE_URL) {
    const url = process.env.E2E_BASE_URL.replace(/\/+$/, '');
    await waitForHealth(url, () => null, () => '(outside server: no output)');
    return {
      url,
      port: Number(new URL(url).port || 80),
      dataDir: null,
      output: () => '',
      waitForOutput: () => Promise.reject(new Error('E2E_BASE_URL is set: the server output is not available')),
      demoAccounts: async () => ({ password: null, accounts: [] }),
      stop: async () => {},
    };
  }

  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zg-e2e-'));
  tempDirs.add(dataDir);
  const entry = process.env.E2E_SERVER_ENTRY ? path.resolve(process.env.E2E_SERVER_ENTRY) : 'src/main.ts'; // relative to server/
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO: '1',
    // Each journey is its own user on its own address (x-forwarded-for, see Journey), as on a real deployment
    // behind a proxy; without it all journeys share 127.0.0.1 and the per-address sign-in limit.
    TRUST_PROXY: '1',
    ...opts.env,
  };
  delete env.DATABASE_URL; // always the embedded PGlite database in a fresh directory
  delete env.SECRET_KEY_FILE;

  fs.mkdirSync(path.join(ARTIFACTS, 'e2e'), { recursive: true });
  const logFile = path.join(ARTIFACTS, 'e2e', 'server.log');
  const log = fs.createWriteStream(logFile);
  let out = '';
  const waiters = new Set<() => void>();
  const echo = process.env.E2E_SERVER_LOG === '1';

  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: path.join(ROOT, 'server'),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() ends it and anything it started
  });
  children.add(child);
  const onData = (chunk: Buffer) => {
    const s = chunk.toString('utf8');
    out += s;
    log.write(chunk);
    if (echo) process.stdout.write(`[server] ${s}`);
    for (const w of waiters) w();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exitPromise = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      children.delete(child);
      for (const w of waiters) w();
      resolve();
    });
  });
  child.on('error', (err) => {
    out += `\n[harness] could not start the server: ${err.message}\n`;
  });

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!exited) {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
      await exitPromise;
      clearTimeout(timer);
    }
    // Anything left in the group (should be nothing) goes too.
    killGroup(child, 'SIGKILL');
    await new Promise<void>((r) => log.end(r));
    if (process.env.E2E_KEEP_DATA !== '1') {
      fs.rmSync(dataDir, { recursive: true, force: true });
      tempDirs.delete(dataDir);
    } else console.log(`[harness] kept DATA_DIR ${dataDir}`);
  };

  console.log(`[harness] starting server: node --import tsx ${entry} (PORT=${port}, DATA_DIR=${dataDir}, DEMO=1)`);
  try {
    await waitForHealth(url, () => (exited ? `server exited (code ${exited.code}, signal ${exited.signal})` : null), () => out);
  } catch (err) {
    await stop();
    throw err;
  }
  console.log(`[harness] server ready at ${url} (log: ${path.relative(ROOT, logFile)})`);

  const handle: ServerHandle = {
    url,
    port,
    dataDir,
    output: () => out,
    async demoAccounts() {
      // The banner is printed right after listen(), so it may trail the first health answer a little.
      await handle.waitForOutput(/企业代码.*\n\s*\n/, 10_000).catch(() => {});
      return parseDemoAccounts(out);
    },
    waitForOutput(re, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = out.match(re);
          if (m) return done(() => resolve(m));
          if (exited) return done(() => reject(new Error(`server exited before printing ${re}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`server did not print ${re} within ${timeoutMs} ms`))), timeoutMs);
        const done = (f: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          f();
        };
        waiters.add(check);
        check();
      });
    },
    stop,
  };
  return handle;
}

async function waitForHealth(url: string, failed: () => string | null, output: () => string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = '';
  for (;;) {
    const why = failed();
    if (why) throw new Error(`${why} before /api/health answered.\n${tail(output())}`);
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) });
      const text = await res.text();
      last = `HTTP ${res.status} ${text.slice(0, 200)}`;
      if (res.ok && (JSON.parse(text) as { status?: string }).status === 'ok') return;
    } catch (err) {
      last = (err as Error).message;
    }
    if (Date.now() > deadline) {
      throw new Error(`GET ${url}/api/health did not answer {"status":"ok"} within ${HEALTH_TIMEOUT_MS / 1000} s (last: ${last}).\n${tail(output())}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

function tail(s: string, lines = 60): string {
  const all = s.trimEnd().split('\n');
  return `---- server output (last ${Math.min(lines, all.length)} of ${all.length} lines) ----\n${all.slice(-lines).join('\n')}\n---- end of server output ----`;
}

// ------------------------------------------------------------------ browser

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};
export const DESKTOP: BrowserContextOptions = {
  viewport: { width: 1366, height: 900 },
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

// ------------------------------------------------------------------ TOTP

/** The current 6-digit code for a base32 secret (SHA-1, 30 s: what authenticator apps use). */
export function totp(secret: string, opts: { digits?: number; period?: number; algorithm?: string; timestamp?: number } = {}): string {
  const t = new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret.replace(/\s+/g, '').toUpperCase()),
    digits: opts.digits ?? 6,
    period: opts.period ?? 30,
    algorithm: opts.algorithm ?? 'SHA1',
  });
  return t.generate(opts.timestamp === undefined ? {} : { timestamp: opts.timestamp });
}

/**
 * A code that stays valid long enough to be typed: when the current 30 s window has under
 * `margin` seconds left, waits for the next window first. Pass `notThis` (a code already used)
 * to get a code from a later window, since servers refuse a code twice.
 */
export async function freshTotp(secret: string, opts: { margin?: number; notThis?: string } = {}): Promise<string> {
  const margin = (opts.margin ?? 5) * 1000;
  for (;;) {
    const left = 30_000 - (Date.now() % 30_000);
    if (left > margin) {
      const code = totp(secret);
      if (code !== opts.notThis) return code;
    }
    await new Promise((r) => setTimeout(r, left + 100));
  }
}

/** The base32 secret inside an otpauth:// URI (as shown in an enrollment QR code). */
export function secretFromUri(uri: string): string {
  const otp = OTPAuth.URI.parse(uri);
  return otp.secret.base32;
}

// ------------------------------------------------------------------ journey context

export interface JourneyContext {
  /** The journey's name; screenshots go to artifacts/screenshots/<slug>/. */
  journey: string;
  server: ServerHandle;
  baseURL: string;
  browser: Browser;
  /** A page in a new browser context (fresh cookies) at 390×844, touch, zh-CN. */
  newPhonePage(options?: BrowserContextOptions): Promise<Page>;
  /** A page in a new browser context (fresh cookies) at 1366×900, zh-CN. */
  newDesktopPage(options?: BrowserContextOptions): Promise<Page>;
  /** Saves artifacts/screenshots/<journey>/<name>.png (full page unless `fullPage: false`: the window only) and returns its path. */
  shot(page: Page, name: string, options?: { fullPage?: boolean }): Promise<string>;
  /** fetch() against the server: api('/api/health'). */
  api(pathname: string, init?: RequestInit): Promise<Response>;
  totp: typeof totp;
  freshTotp: typeof freshTotp;
  /** Page errors and console errors seen so far in this journey's pages. */
  consoleErrors: string[];
  log(...args: unknown[]): void;
}

export function slug(s: string): string {
  return s.replace(/\.journey\.ts$/, '').replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'journey';
}

let journeyCount = 0;

export class Journey implements JourneyContext {
  /** The client address this journey's browsers present (x-forwarded-for; the server trusts it in e2e). */
  readonly clientIp = `10.77.${++journeyCount}.1`;
  readonly contexts: BrowserContext[] = [];
  readonly consoleErrors: string[] = [];
  readonly dir: string;
  readonly totp = totp;
  readonly freshTotp = freshTotp;
  constructor(
    readonly journey: string,
    readonly server: ServerHandle,
    readonly browser: Browser,
    dirName: string = slug(journey),
  ) {
    this.dir = path.join(SCREENSHOTS, dirName);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
  get baseURL(): string {
    return this.server.url;
  }
  private async newPage(base: BrowserContextOptions, options?: BrowserContextOptions): Promise<Page> {
    const ctx = await this.browser.newContext({
      ...base, baseURL: this.server.url, ...options,
      extraHTTPHeaders: { 'x-forwarded-for': this.clientIp, ...(options?.extraHTTPHeaders ?? {}) },
    });
    ctx.setDefaultTimeout(30_000);
    ctx.setDefaultNavigationTimeout(60_000);
    this.contexts.push(ctx);
    const page = await ctx.newPage();
    page.on('pageerror', (err) => this.consoleErrors.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.consoleErrors.push(`console.error: ${msg.text()}`);
    });
    return page;
  }
  newPhonePage(options?: BrowserContextOptions): Promise<Page> {
    return this.newPage(PHONE, options);
  }
  newDesktopPage(options?: BrowserContextOptions): Promise<Page> {
    return this.newPage(DESKTOP, options);
  }
  async shot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
    fs.mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, `${slug(name)}.png`);
    await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
    return file;
  }
  api(pathname: string, init?: RequestInit): Promise<Response> {
    return fetch(new URL(pathname, this.server.url), init);
  }
  log(...args: unknown[]): void {
    console.log(`  [${this.journey}]`, ...args);
  }
  /** Screenshots of every page still open, named failure-<n>.png; returns their paths. */
  async failureShots(): Promise<string[]> {
    const files: string[] = [];
    let n = 0;
    for (const ctx of this.contexts) {
      for (const page of ctx.pages()) {
        n++;
        try {
          files.push(await this.shot(page, `failure-${n}`));
        } catch {
          /* the page may be gone */
        }
      }
    }
    return files;
  }
  async close(): Promise<void> {
    for (const ctx of this.contexts) await ctx.close().catch(() => {});
    this.contexts.length = 0;
  }
}
