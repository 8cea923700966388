import { requestHeaders } from './api';
import { ApiError, networkError, toApiError } from './errors';

/**
 * Sends a file as the raw request body to an upload route of platform/files (no multipart; the server judges the type
 * by the bytes and names the file by the `fileName` query parameter). XMLHttpRequest rather than fetch, for upload
 * progress. Resolves with the JSON answer; errors are ApiErrors with the server's message (413, 415, 400 by field).
 */
export function uploadRaw<T>(url: string, file: Blob, onProgress: (percent: number) => void, contentType = file.type || 'application/octet-stream'): { done: Promise<T>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.open('POST', url);
    xhr.withCredentials = true;
    for (const [k, v] of Object.entries(requestHeaders('POST'))) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('content-type', contentType);
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
        resolve(body as T);
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
