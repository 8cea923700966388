import { api, unwrap } from '../../shared/api';
import type { PeopleQuery } from '../../shared/api-models';

export const peopleKeys = {
  all: ['people'] as const,
  list: (q: PeopleQuery) => ['people', 'list', q] as const,
  record: (id: string) => ['people', 'record', id] as const,
  mine: ['people', 'mine'] as const,
  vocabulary: ['people', 'vocabulary'] as const,
};

export function fetchPeople(q: PeopleQuery) {
  return unwrap(api.GET('/api/people', { params: { query: q } }));
}

export function fetchPerson(id: string) {
  return unwrap(api.GET('/api/people/{id}', { params: { path: { id } } }));
}

export function fetchVocabulary() {
  return unwrap(api.GET('/api/people/vocabulary'));
}

/** The list filter as a query string, for the .xlsx export (same filter as the page shows). */
export function peopleSearchString(q: Partial<PeopleQuery>, extra: Record<string, string> = {}): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === '' || k === 'page' || k === 'pageSize') continue;
    if (Array.isArray(v)) for (const x of v) s.append(k, String(x));
    else s.set(k, String(v));
  }
  for (const [k, v] of Object.entries(extra)) s.set(k, v);
  const text = s.toString();
  return text === '' ? '' : `?${text}`;
}
