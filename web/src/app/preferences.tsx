/**
 * Language and large-text preferences. Signed in: the session is the source and changes are saved
 * with PATCH /api/me/preferences. Signed out: localStorage. Both are mirrored to localStorage so the
 * sign-in page opens in the language last used.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, setApiLocale, unwrap } from '../shared/api';
import type { Locale, Session } from '../shared/api-models';
import { dayjs } from '../shared/time';
import 'dayjs/locale/zh-cn';
import { isLocale, translator, type Translate } from './i18n/translate';
import { SESSION_KEY, useSession } from './session';

const LOCALE_STORE = 'zg.locale';
const LARGE_STORE = 'zg.largeText';

function readStore(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStore(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    /* private mode: the preference lives for this page only */
  }
}

export interface Preferences {
  locale: Locale;
  largeText: boolean;
  t: Translate;
  setLocale: (locale: Locale) => Promise<void>;
  setLargeText: (on: boolean) => Promise<void>;
}

const PreferencesContext = createContext<Preferences | null>(null);

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const session = useSession().data ?? null;
  const [localLocale, setLocalLocale] = useState<Locale>(() => {
    const stored = readStore(LOCALE_STORE);
    return isLocale(stored) ? stored : 'zh-CN';
  });
  const [localLarge, setLocalLarge] = useState<boolean>(() => readStore(LARGE_STORE) === '1');

  const user = session?.user;
  const locale: Locale = user !== undefined && isLocale(user.locale) ? user.locale : localLocale;
  const largeText = user !== undefined ? user.largeText : localLarge;

  // Set before children render so their first requests already carry the right Accept-Language.
  setApiLocale(locale);

  useEffect(() => {
    document.documentElement.lang = locale;
    dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
    writeStore(LOCALE_STORE, locale);
  }, [locale]);

  useEffect(() => {
    document.body.classList.toggle('zg-large', largeText);
    writeStore(LARGE_STORE, largeText ? '1' : '0');
  }, [largeText]);

  const save = useCallback(
    async (patch: { locale?: Locale; largeText?: boolean }) => {
      const current = qc.getQueryData<Session | null>(SESSION_KEY);
      if (current === null || current === undefined || current.stage !== 'active') return;
      qc.setQueryData<Session>(SESSION_KEY, { ...current, user: { ...current.user, ...patch } });
      try {
        const next = await unwrap(api.PATCH('/api/me/preferences', { body: patch }));
        qc.setQueryData<Session>(SESSION_KEY, next);
      } catch (e) {
        qc.setQueryData<Session>(SESSION_KEY, current);
        throw e;
      }
    },
    [qc],
  );

  const setLocale = useCallback(
    async (next: Locale) => {
      setLocalLocale(next);
      setApiLocale(next);
      writeStore(LOCALE_STORE, next);
      await save({ locale: next });
      // Server texts (role names, messages) are localized: fetch them again in the new language.
      await qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    },
    [qc, save],
  );

  const setLargeText = useCallback(
    async (on: boolean) => {
      setLocalLarge(on);
      writeStore(LARGE_STORE, on ? '1' : '0');
      await save({ largeText: on });
    },
    [save],
  );

  const value = useMemo<Preferences>(
    () => ({ locale, largeText, t: translator(locale), setLocale, setLargeText }),
    [locale, largeText, setLocale, setLargeText],
  );
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): Preferences {
  const v = useContext(PreferencesContext);
  if (v === null) throw new Error('usePreferences outside PreferencesProvider');
  return v;
}

export function useT(): Translate {
  return usePreferences().t;
}
