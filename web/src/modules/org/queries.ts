import { api, unwrap } from '../../shared/api';

export const orgKeys = {
  children: (parentId: string | null) => ['org', 'tree', parentId ?? 'root'] as const,
  unit: (id: string) => ['org', 'unit', id] as const,
  members: (id: string, params: { page: number; pageSize: number; q: string; subtree: boolean }) =>
    ['org', 'members', id, params] as const,
};

export function fetchChildren(parentId: string | null) {
  return unwrap(api.GET('/api/org/tree', { params: { query: parentId === null ? {} : { parentId } } }));
}

export function fetchUnit(id: string) {
  return unwrap(api.GET('/api/org/units/{id}', { params: { path: { id } } }));
}
