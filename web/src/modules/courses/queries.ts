import { api, unwrap } from '../../shared/api';
import type { BodyOf, ResponseOf } from '../../shared/api-models';

export type MyCourses = ResponseOf<'/api/learning/courses', 'get'>;
export type MyCourseItem = MyCourses['items'][number];
export type MyCourse = ResponseOf<'/api/learning/courses/{id}', 'get'>;
export type MyLessonItem = MyCourse['items'][number];
export type MyLesson = ResponseOf<'/api/learning/lessons/{id}', 'get'>;
export type HeartbeatReply = ResponseOf<'/api/learning/heartbeat', 'post'>;
export type MyPoints = ResponseOf<'/api/learning/points', 'get'>;
export type Ranking = ResponseOf<'/api/learning/ranking', 'get'>;
export type CourseItem = ResponseOf<'/api/courses', 'get'>['items'][number];
export type CourseDetail = ResponseOf<'/api/courses/{id}', 'get'>;
export type CourseBody = BodyOf<'/api/courses', 'post'>;
export type LessonKind = CourseDetail['lessons'][number]['kind'];
export type PickableResource = ResponseOf<'/api/courses/resources', 'get'>['items'][number];
export type CourseProgress = ResponseOf<'/api/learning-progress/courses/{id}', 'get'>;
export type StudyHours = ResponseOf<'/api/learning-progress/hours', 'get'>;
export type LearningSettingsReply = ResponseOf<'/api/learning/settings', 'get'>;
export type LearningSettings = LearningSettingsReply['settings'];

export const courseKeys = {
  all: ['courses'] as const,
  mine: ['courses', 'mine'] as const,
  myCourse: (id: string) => ['courses', 'mine', id] as const,
  lesson: (id: string) => ['courses', 'lesson', id] as const,
  points: ['courses', 'points'] as const,
  ranking: ['courses', 'ranking'] as const,
  list: (page: number, state: string) => ['courses', 'list', page, state] as const,
  detail: (id: string) => ['courses', 'detail', id] as const,
  resources: (q: string) => ['courses', 'resources', q] as const,
  units: ['courses', 'units'] as const,
  people: (q: string) => ['courses', 'people', q] as const,
  settings: ['courses', 'settings'] as const,
  progressUnits: ['courses', 'progress', 'units'] as const,
  progressCourses: (unit: string) => ['courses', 'progress', 'courses', unit] as const,
  progress: (id: string, unit: string) => ['courses', 'progress', id, unit] as const,
  hours: (unit: string, from: string, to: string) => ['courses', 'hours', unit, from, to] as const,
};

export const fetchMyCourses = () => unwrap(api.GET('/api/learning/courses'));
export const fetchMyCourse = (id: string) => unwrap(api.GET('/api/learning/courses/{id}', { params: { path: { id } } }));
export const fetchLesson = (id: string) => unwrap(api.GET('/api/learning/lessons/{id}', { params: { path: { id } } }));
export const fetchCourse = (id: string) => unwrap(api.GET('/api/courses/{id}', { params: { path: { id } } }));

/** A random UUID v4, also on a plain-HTTP intranet address (crypto.randomUUID needs a secure context). */
export function uuid(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** "1 小时 5 分" / "5 分 20 秒" / "40 秒" from seconds, in the current language's units. */
export function durationParts(seconds: number): { h: number; m: number; s: number } {
  const s = Math.max(0, Math.floor(seconds));
  return { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60), s: s % 60 };
}
