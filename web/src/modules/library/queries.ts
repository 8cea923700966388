import { api, requestHeaders, unwrap } from '../../shared/api';
import type { QueryOf, ResponseOf } from '../../shared/api-models';
import { networkError, toApiError } from '../../shared/errors';

export type SearchQuery = QueryOf<'/api/library/resources'>;
export type SearchResult = ResponseOf<'/api/library/resources', 'get'>;
export type ResourceCard = SearchResult['items'][number];
export type Resource = ResponseOf<'/api/library/resources/{id}', 'get'>;
export type ResourceKind = Resource['kind'];
export type ResourceCategory = Resource['category'];
export type UploadedFile = ResponseOf<'/api/library/files', 'post'>;

export const KINDS: readonly ResourceKind[] = ['article', 'pdf', 'image', 'audio', 'video'];
export const CATEGORIES: readonly ResourceCategory[] = ['general', 'history', 'regulation', 'policy'];

export const libraryKeys = {
  all: ['library'] as const,
  search: (q: SearchQuery) => ['library', 'search', q] as const,
  tags: ['library', 'tags'] as const,
  resource: (id: string, passage?: string) => ['library', 'resource', id, passage ?? ''] as const,
};

export function searchLibrary(q: SearchQuery) {
  return unwrap(api.GET('/api/library/resources', { params: { query: q } }));
}

export function fetchResource(id: string, passage?: string) {
  return unwrap(api.GET('/api/library/resources/{id}', { params: { path: { id }, query: passage ? { passage } : {} } }));
}

/**
 * Uploads a file as the request body (the server reads the raw bytes and judges the type by content), reporting
 * progress; XHR rather than fetch because fetch has no upload progress.
 */
export function uploadLibraryFile(file: File, onProgress: (percent: number) => void): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/library/files?fileName=${encodeURIComponent(file.name)}`);
    xhr.withCredentials = true;
    for (const [k, v] of Object.entries(requestHeaders('POST'))) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(Math.floor((e.loaded / e.total) * 100)); };
    xhr.onerror = () => reject(networkError());
    xhr.onload = () => {
      let body: unknown = xhr.responseText;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as UploadedFile);
      else reject(toApiError(xhr.status, body));
    };
    xhr.send(file);
  });
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
