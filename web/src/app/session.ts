import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, setCsrfToken, unwrap } from '../shared/api';
import type { Session, Stage } from '../shared/api-models';
import { ApiError } from '../shared/errors';

export const SESSION_KEY = ['session'] as const;

/**
 * Set when a request met an expired session; the redirect to /login then says so.
 * Cleared by the next successful sign-in.
 */
export type ExitReason = 'expired' | 'loggedOut' | null;
let exitReason: ExitReason = null;

export function markSessionExpired(): void {
  exitReason = 'expired';
}

export function markLoggedOut(): void {
  exitReason = 'loggedOut';
}

/** Why the user was last sent to /login, until the next sign-in. */
export function lastExitReason(): ExitReason {
  return exitReason;
}

/** The current session, or null when not signed in (401). */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await unwrap(api.GET('/api/auth/session'));
    setCsrfToken(session.csrfToken);
    return session;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 5 * 60_000, retry: false });
}

/** The signed-in session; only for screens behind RequireSession. */
export function useActiveSession(): Session {
  const { data } = useSession();
  if (data === null || data === undefined) throw new Error('useActiveSession outside a signed-in route');
  return data;
}

export function usePermissions(): readonly string[] {
  return useSession().data?.permissions ?? [];
}

export function stagePath(stage: Stage): string {
  switch (stage) {
    case 'totp':
      return '/login/totp';
    case 'password_change':
      return '/login/password';
    case 'totp_setup':
      return '/login/totp-setup';
    default:
      return '/';
  }
}

/** After a sign-in step: refetch the session and tell where to go next. */
export async function afterStep(qc: QueryClient, stage: Stage, csrfToken?: string): Promise<string> {
  exitReason = null;
  if (csrfToken !== undefined) setCsrfToken(csrfToken);
  await qc.fetchQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 0 });
  return stagePath(stage);
}

export function clearSession(qc: QueryClient): void {
  setCsrfToken(null);
  qc.setQueryData(SESSION_KEY, null);
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
}
