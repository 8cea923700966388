import { zhCN, type Dictionary, type MessageKey } from './zh-CN';
import { enUS } from './en-US';
import type { Locale } from '../../shared/api-models';

export type { MessageKey };
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export const DICTIONARIES: Record<Locale, Dictionary> = { 'zh-CN': zhCN, 'en-US': enUS };
export const LOCALES: readonly Locale[] = ['zh-CN', 'en-US'];

export function isLocale(v: unknown): v is Locale {
  return v === 'zh-CN' || v === 'en-US';
}

/** Replaces `{name}` placeholders; unknown placeholders are left as they are. */
export function format(template: string, vars?: Vars): string {
  if (vars === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    return v === undefined ? whole : String(v);
  });
}

export function translator(locale: Locale): Translate {
  const dict = DICTIONARIES[locale];
  return (key, vars) => format(dict[key] ?? zhCN[key] ?? key, vars);
}

export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}
