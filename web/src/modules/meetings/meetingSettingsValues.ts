/** The §5 settings as the RuleSettings form holds them: the per-kind frequencies flat beside the other fields. */
import type { ResponseOf } from '../../shared/api-models';
import type { RuleSettingsData } from '../../shared/components/RuleSettings';
import { KINDS, type MeetingKind } from './types';

export type Reply = ResponseOf<'/api/meetings/settings', 'get'>;
export type Settings = Reply['settings'];
export type Grain = Settings['frequency'][MeetingKind];
/**
 * RuleSettings shows one value per field; the frequencies are nested per kind, so the form holds them flat (one field
 * per kind, named by the kind, as the server's 400 names `frequency.<kind>`) and they are nested again to save.
 */
export type Flat = Omit<Settings, 'frequency'> & Record<MeetingKind, Grain>;
export type Key = keyof Flat & string;
export type FlatData = RuleSettingsData<Flat> & { allowed: Reply['allowed'] };

export const settingsKey = ['meetings', 'settings'] as const;

export function flat(s: Settings): Flat {
  const { frequency, ...rest } = s;
  return { ...rest, ...frequency };
}
export function nested(v: Flat): Settings {
  const frequency = Object.fromEntries(KINDS.map((k) => [k, v[k]])) as Settings['frequency'];
  const rest = Object.fromEntries(Object.entries(v).filter(([k]) => !(KINDS as readonly string[]).includes(k))) as Omit<Settings, 'frequency'>;
  return { ...rest, frequency };
}
export const flatReply = (r: Reply): FlatData => ({ settings: flat(r.settings), defaults: flat(r.defaults), bounds: r.bounds, canEdit: r.canEdit, allowed: r.allowed });

