import { requestHeaders } from '../../shared/api';
import type { DevDocumentUploaded } from '../../shared/api-models';
import { ApiError, networkError, toApiError } from '../../shared/errors';

/** The server's limit (development/documents.ts): checked here too, so a phone does not send 50 MB to be told no. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
export const DOCUMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

const BY_EXTENSION: Record<string, string> = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' };
const KNOWN = new Set(Object.values(BY_EXTENSION));

/**
 * The content type to declare: the browser's when it is one we take, else the one the extension says, else what the
 * browser said (the server answers 415 with its own message, shown under the field).
 */
export function documentContentType(file: { name: string; type: string }): string {
  if (KNOWN.has(file.type)) return file.type;
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  return BY_EXTENSION[ext] ?? (file.type || 'application/octet-stream');
}

/** The file name without its extension: the title a document gets when none was typed. */
export function titleFromFileName(name: string): string {
  const stem = name.replace(/\.[^.]+$/, '').trim();
  return (stem === '' ? name : stem).slice(0, 100);
}

/** A file name the server takes (1–200 characters), keeping the extension when it has to shorten. */
export function uploadFileName(name: string): string {
  if (name.length <= 200) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  return name.slice(0, 200 - ext.length) + ext;
}

/** 1.2 MB, 350 KB, 900 B. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Uploads one file of a person's record as the raw request body (no multipart; the server checks the type by its
 * first bytes). XMLHttpRequest rather than fetch, for upload progress. Errors are ApiErrors with the server's message.
 */
export function uploadDocument(
  personId: string,
  file: File,
  title: string,
  onProgress: (percent: number) => void,
): { done: Promise<DevDocumentUploaded>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const query = new URLSearchParams({ title, fileName: uploadFileName(file.name) });
  const done = new Promise<DevDocumentUploaded>((resolve, reject) => {
    xhr.open('POST', `/api/development/people/${encodeURIComponent(personId)}/documents?${query.toString()}`);
    xhr.withCredentials = true;
    for (const [k, v] of Object.entries(requestHeaders('POST'))) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('content-type', documentContentType(file));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(99, Math.floor((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => {
      let body: unknown = xhr.responseText;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: keep the text */
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve(body as DevDocumentUploaded);
      } else {
        reject(toApiError(xhr.status, body));
      }
    };
    xhr.onerror = () => reject(networkError());
    xhr.onabort = () => reject(new ApiError(0, 'aborted', ''));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
