import { api, unwrap } from '../../shared/api';

export const orgKeys = {
  children: (parentId: string | null) => ['org', 'tree', parentId ?? 'root'] as const,
  unit: (id: string) => ['org', 'unit', id] as const,
  members: (id: string, params: { page: number; pageSize: number; q: string; subtree: boolean }) =>
    ['org', 'members', id, params] as const,
  leadership: (id: string) => ['org', 'leadership', id] as const,
  history: (id: string) => ['org', 'history', id] as const,
  targets: (id: string, purpose: 'move' | 'merge', q: string) => ['org', 'targets', id, purpose, q] as const,
  candidates: (id: string, q: string) => ['org', 'candidates', id, q] as const,
  reminders: ['org', 'reminders'] as const,
};

export function fetchChildren(parentId: string | null) {
  return unwrap(api.GET('/api/org/tree', { params: { query: parentId === null ? {} : { parentId } } }));
}

export function fetchUnit(id: string) {
  return unwrap(api.GET('/api/org/units/{id}', { params: { path: { id } } }));
}

export function fetchLeadership(id: string) {
  return unwrap(api.GET('/api/org/units/{id}/leadership', { params: { path: { id } } }));
}

export function fetchHistory(id: string) {
  return unwrap(api.GET('/api/org/units/{id}/history', { params: { path: { id } } }));
}

export function fetchTargets(id: string, purpose: 'move' | 'merge', q: string) {
  return unwrap(api.GET('/api/org/units/{id}/targets', { params: { path: { id }, query: q ? { purpose, q } : { purpose } } }));
}

export function fetchCandidates(id: string, q: string) {
  return unwrap(api.GET('/api/org/units/{id}/candidates', { params: { path: { id }, query: q ? { q } : {} } }));
}

export function fetchReminders() {
  return unwrap(api.GET('/api/org/reminders'));
}
