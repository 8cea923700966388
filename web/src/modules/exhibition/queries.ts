import { api, unwrap } from '../../shared/api';
import type { BodyOf, ResponseOf } from '../../shared/api-models';

export type HallList = ResponseOf<'/api/exhibition/halls', 'get'>;
export type HallItem = HallList['items'][number];
export type Tour = ResponseOf<'/api/exhibition/halls/{id}', 'get'>;
export type TourRoom = Tour['rooms'][number];
export type TourExhibit = TourRoom['exhibits'][number];
export type HallEditor = ResponseOf<'/api/exhibition/halls/{id}/editor', 'get'>;
export type EditorRoom = HallEditor['rooms'][number];
export type EditorExhibit = EditorRoom['exhibits'][number];
export type RoomTheme = TourRoom['theme'];
export type Reach = EditorExhibit['reach'];
export type ExhibitBody = BodyOf<'/api/exhibition/halls/{id}/exhibits', 'post'>;

export const THEMES: readonly RoomTheme[] = ['red', 'gold', 'stone', 'blue'];

export const exhibitionKeys = {
  all: ['exhibition'] as const,
  list: ['exhibition', 'list'] as const,
  tour: (id: string) => ['exhibition', 'tour', id] as const,
  editor: (id: string) => ['exhibition', 'editor', id] as const,
  units: ['exhibition', 'units'] as const,
  pick: (kind: string, q: string) => ['exhibition', 'pick', kind, q] as const,
};

export const fetchHalls = () => unwrap(api.GET('/api/exhibition/halls'));
export const fetchTour = (id: string) => unwrap(api.GET('/api/exhibition/halls/{id}', { params: { path: { id } } }));
export const fetchEditor = (id: string) => unwrap(api.GET('/api/exhibition/halls/{id}/editor', { params: { path: { id } } }));

/** "1921年7月" / "July 1921", or the year alone. */
export function dateLabel(e: { year: number; month: number | null }, locale: string): string {
  if (locale.startsWith('zh')) return e.month ? `${e.year}年${e.month}月` : `${e.year}年`;
  return e.month ? new Date(Date.UTC(e.year, e.month - 1, 1)).toLocaleDateString('en-US', { year: 'numeric', month: 'long', timeZone: 'UTC' }) : String(e.year);
}

export function yearsLabel(y: { from: number; to: number } | null): string {
  if (!y) return '';
  return y.from === y.to ? String(y.from) : `${y.from}–${y.to}`;
}

/** Whether this browser can draw the 3D hall (WebGL); without it the list is the hall. */
export function webglAvailable(): boolean {
  try {
    const c = document.createElement('canvas');
    return !!(c.getContext('webgl2') ?? c.getContext('webgl'));
  } catch {
    return false;
  }
}
