import { Worker } from 'node:worker_threads';

/** What one load run measured (latencies in ms of the successful 2xx answers). */
export interface LoadResult {
  latencies: Float64Array;
  /** Epoch ms at which each measured request was sent (open loop: scheduled). */
  sentAt: Float64Array;
  ok: number;
  errors: number;
  non2xx: number;
  bytes: number;
  elapsedMs: number;
}

export interface ClosedLoopOptions { url: string; headers?: Record<string, string>; concurrency: number; durationMs: number }
export interface OpenLoopOptions { url: string; headers?: Record<string, string>; rate: number; durationMs: number }

/**
 * A load generator in its own worker thread (bench/lib/loadgen-worker.mjs): keep-alive node:http
 * connections, one command at a time. Start one per benchmark and close it at the end.
 */
export class LoadGenerator {
  private readonly worker: Worker;

  constructor() {
    this.worker = new Worker(new URL('./loadgen-worker.mjs', import.meta.url));
    this.worker.unref();
  }

  /** `concurrency` connections, each sending its next request when the previous answer arrived. */
  closed(opts: ClosedLoopOptions): Promise<LoadResult> {
    return this.run({ type: 'closed', headers: {}, ...opts });
  }

  /** A fixed send schedule of `rate` requests per second; latency counts from the scheduled time. */
  open(opts: OpenLoopOptions): Promise<LoadResult> {
    return this.run({ type: 'open', headers: {}, ...opts });
  }

  private run(msg: Record<string, unknown>): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      const onMessage = (m: LoadResult & { type: string }) => {
        if (m.type !== 'result') return;
        this.worker.off('message', onMessage);
        this.worker.off('error', reject);
        resolve(m);
      };
      this.worker.on('message', onMessage);
      this.worker.once('error', reject);
      this.worker.postMessage(msg);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
