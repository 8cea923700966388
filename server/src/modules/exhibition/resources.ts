/**
 * Exhibits are library resources (modules/library), as course lessons are (modules/courses/resources.ts). What the
 * exhibition needs of a resource: its kind, title and text, its file's address, whether it is published, and whom it
 * reaches. Whether the actor may read it is decided by the library's own rule (readerOf / visibleTo), so a visitor
 * sees an exhibit exactly when the library would show them its resource; images are then fetched from the library's
 * file route, which checks the same rule again.
 */
import type { Tx } from '../../platform/db/tenancy.js';
import type { Actor } from '../../platform/access/actor.js';
import { visibleTo, type Reader } from '../library/access.js';
import type { ResourceKind } from '../library/tables.js';
import type { ResourceFacts } from './rules.js';

/** The kinds an exhibit can show: an image on the wall, or an article as a panel of text. */
export type ExhibitKind = 'image' | 'article';
export const EXHIBIT_KINDS: readonly ResourceKind[] = ['image', 'article'];

export interface ExhibitResource extends ResourceFacts {
  id: string;
  kind: ResourceKind;
  title: string;
  summary: string;
  source: string;
  bodyText: string;
  hasFile: boolean;
  /** The actor may read it (the library's rule). */
  readable: boolean;
}

/**
 * Resources by id as far as the actor's tenant can see them (its own, and other enterprises' shared and published
 * ones: row-level security), each marked whether this actor may read it.
 */
export async function exhibitResources(tx: Tx, actor: Actor, reader: Reader, ids: readonly string[]): Promise<Map<string, ExhibitResource>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx.selectFrom('library_resources as r')
    .select(['r.id', 'r.kind', 'r.title', 'r.summary', 'r.source', 'r.body_text', 'r.file_id', 'r.status', 'r.scope_path', 'r.tenant_id'])
    .where('r.id', 'in', unique).execute();
  const readable = new Set((await tx.selectFrom('library_resources as r').select('r.id').where('r.id', 'in', unique).where('r.status', '=', 'published').where(visibleTo(reader)).execute()).map((r) => r.id));
  return new Map(rows.map((r) => [r.id, {
    id: r.id, kind: r.kind, title: r.title, summary: r.summary, source: r.source, bodyText: r.body_text, hasFile: r.file_id !== null,
    published: r.status === 'published', foreign: r.tenant_id !== actor.tenantId, scopePath: r.tenant_id === actor.tenantId ? r.scope_path : '',
    readable: readable.has(r.id),
  }]));
}

/** Where the browser loads a resource's file (the library's route, which checks the reader again). */
export const resourceFileUrl = (id: string) => `/api/library/resources/${id}/file`;
