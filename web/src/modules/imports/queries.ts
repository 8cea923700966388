import { api, requestHeaders, unwrap } from '../../shared/api';
import type { ImportJob } from '../../shared/api-models';
import { networkError, toApiError } from '../../shared/errors';

export const importKeys = {
  all: ['imports'] as const,
  list: (page: number) => ['imports', 'list', page] as const,
  job: (id: string) => ['imports', 'job', id] as const,
  rows: (id: string, page: number, outcome: string | undefined, column: string | undefined) => ['imports', 'rows', id, page, outcome ?? '', column ?? ''] as const,
};

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function isRunning(job: Pick<ImportJob, 'status'> | undefined): boolean {
  return job?.status === 'queued' || job?.status === 'running';
}

export function fetchJob(id: string) {
  return unwrap(api.GET('/api/imports/{id}', { params: { path: { id } } }));
}

/**
 * Uploads the file itself as the request body (the server reads raw .xlsx, no multipart), with the same headers and
 * error mapping as the typed client. Returns the new job's id.
 */
export async function uploadPeopleFile(file: File): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`/api/imports/people?fileName=${encodeURIComponent(file.name)}`, {
      method: 'POST', credentials: 'same-origin', body: file, headers: { ...requestHeaders('POST'), 'content-type': XLSX },
    });
  } catch {
    throw networkError();
  }
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  if (!res.ok) throw toApiError(res.status, body);
  return (body as { id: string }).id;
}

/** Share of rows processed, 0–100 (a finished job is 100 even when it failed early). */
export function progressPercent(job: Pick<ImportJob, 'status' | 'total' | 'processed'>): number {
  if (job.status === 'done') return 100;
  if (job.total === 0) return 0;
  return Math.min(100, Math.floor((job.processed / job.total) * 100));
}
