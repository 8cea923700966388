import fs from 'node:fs';
import os from 'node:os';

const machineBusyMs = () => os.cpus().reduce((n, c) => n + c.times.user + c.times.nice + c.times.sys + c.times.irq, 0);

/**
 * CPU ms of the PostgreSQL backends serving `database` (Linux /proc; 0 elsewhere): part of the system
 * under test. A backend's command line names its database ("postgres: 15/main: user db host(port) ...").
 */
function postgresCpuMs(database: string | undefined): number {
  if (!database || process.platform !== 'linux') return 0;
  let ticks = 0;
  try {
    for (const pid of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
        if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${database} `)) continue;
        const f = stat.slice(close + 2).split(' ');
        ticks += Number(f[11]) + Number(f[12]); // utime, stime (fields 14 and 15)
      } catch { /* the process ended */ }
    }
  } catch { return 0; }
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/**
 * Starts measuring the CPU that other processes use while a run goes on: the machine's busy time
 * minus this process (all its threads) minus the PostgreSQL backends of the benchmark's own database
 * (`postgresDatabase`, when it runs on PostgreSQL). Stop returns cores.
 */
export function startForeignMeter(postgresDatabase?: string): { stop(): number } {
  const b0 = machineBusyMs();
  const own0 = process.cpuUsage();
  const pg0 = postgresCpuMs(postgresDatabase);
  const t0 = performance.now();
  return {
    stop() {
      const elapsed = performance.now() - t0;
      const own = process.cpuUsage(own0);
      const foreign = machineBusyMs() - b0 - (own.user + own.system) / 1000 - (postgresCpuMs(postgresDatabase) - pg0);
      return Math.max(0, foreign / Math.max(1, elapsed));
    },
  };
}

/**
 * CPU used by other processes, in cores, measured over `ms` while this process is idle. Shared
 * machines run tests and browsers beside a benchmark; the result tables say how busy it was.
 */
export async function backgroundLoad(ms = 1000): Promise<number> {
  const meter = startForeignMeter();
  await new Promise((r) => setTimeout(r, ms));
  return meter.stop();
}

export interface QuietOptions {
  /** Wait until other processes use less than this many cores... */
  threshold: number;
  /** ...but no longer than this; then measure anyway. */
  maxWaitS: number;
  log?: (line: string) => void;
}

/** Waits (bounded) for a quiet moment; returns the background load of the last 1-second sample. */
export async function waitQuiet(opts: QuietOptions): Promise<number> {
  const deadline = performance.now() + opts.maxWaitS * 1000;
  let load = await backgroundLoad();
  let told = false;
  while (load >= opts.threshold && performance.now() < deadline) {
    if (!told && opts.log) { opts.log(`  (other processes use ${load.toFixed(2)} cores; waiting up to ${opts.maxWaitS} s for a quieter moment)`); told = true; }
    load = await backgroundLoad();
  }
  return load;
}

/** Mean and max of the background-load samples taken before each measured run. */
export interface LoadNote { mean: number; max: number; samples: number }

export function loadNote(samples: number[]): LoadNote {
  return { mean: samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length), max: Math.max(0, ...samples), samples: samples.length };
}

export interface MeasureOptions extends QuietOptions {
  /** Extra attempts when other processes used `threshold` cores or more during a run. */
  retries: number;
  /** PostgreSQL database of the benchmark, whose backends count as part of the system under test. */
  pgDatabase?: string | undefined;
}

/**
 * Runs one measurement on a machine as quiet as it gets: waits (bounded) for a quiet moment, measures
 * the CPU other processes use meanwhile, and repeats a disturbed run up to `retries` times, keeping
 * the least disturbed attempt. Returns it with the load found during it.
 */
export async function measureQuietly<T>(fn: () => Promise<T>, opts: MeasureOptions): Promise<{ value: T; background: number; attempts: number }> {
  let best: { value: T; background: number } | null = null;
  let attempts = 0;
  while (attempts <= opts.retries) {
    attempts++;
    await waitQuiet(opts);
    const meter = startForeignMeter(opts.pgDatabase);
    const value = await fn();
    const background = meter.stop();
    if (!best || background < best.background) best = { value, background };
    if (background < opts.threshold) break;
    opts.log?.(`  (other processes used ${background.toFixed(2)} cores during the run; ${attempts <= opts.retries ? 'measuring again' : 'keeping the least disturbed attempt'})`);
  }
  return { ...best!, attempts };
}

/** CPU seconds (utime + stime) one PostgreSQL backend on this machine has used (Linux /proc), or null elsewhere. */
export function backendCpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}
