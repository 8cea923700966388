import { uploadRaw } from '../../shared/upload';
import type { DevDocumentUploaded } from '../../shared/api-models';

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

/** Uploads one file of a person's record (shared/upload.ts: raw body, type checked by its first bytes, progress). */
export function uploadDocument(
  personId: string,
  file: File,
  title: string,
  onProgress: (percent: number) => void,
): { done: Promise<DevDocumentUploaded>; abort: () => void } {
  const query = new URLSearchParams({ title, fileName: uploadFileName(file.name) });
  const url = `/api/development/people/${encodeURIComponent(personId)}/documents?${query.toString()}`;
  return uploadRaw<DevDocumentUploaded>(url, file, onProgress, documentContentType(file));
}
