import { api, unwrap } from '../../shared/api';

export const accountKeys = {
  all: ['accounts'] as const,
  list: (params: { page: number; pageSize: number; q: string }) => ['accounts', 'list', params] as const,
  roles: ['roles'] as const,
};

export function fetchRoles() {
  return unwrap(api.GET('/api/roles'));
}
