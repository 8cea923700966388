import { api, unwrap } from '../../shared/api';
import type { QueryOf, ResponseOf } from '../../shared/api-models';
import { uploadRaw } from '../../shared/upload';

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

/** Uploads a file to the library's upload route with progress (shared/upload.ts: raw body, type judged by content). */
export function uploadLibraryFile(file: File, onProgress: (percent: number) => void): Promise<UploadedFile> {
  return uploadRaw<UploadedFile>(`/api/library/files?fileName=${encodeURIComponent(file.name)}`, file, onProgress).done;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
