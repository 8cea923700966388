import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { Spin } from 'antd';
import type { Stage } from '../shared/api-models';
import { ErrorAlert } from '../shared/components/ErrorAlert';
import { can } from './nav';
import { useT } from './preferences';
import { lastExitReason, stagePath, useSession } from './session';
import { lazyPage } from './lazyPage';

// Under the layout's Suspense; loaded only when needed (the status illustrations are not small).
const ForbiddenPage = lazyPage(() => import('./pages/StatusPage'), 'ForbiddenPage');

export function FullPageSpin() {
  const t = useT();
  return (
    <div className="zg-fullpage-spin" role="status">
      <Spin size="large" />
      <div>{t('app.loading')}</div>
    </div>
  );
}

function SessionError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <div className="zg-fullpage-spin">
      <div style={{ maxWidth: 480, width: '100%', padding: 16 }}>
        <ErrorAlert error={error} onRetry={retry} />
      </div>
    </div>
  );
}

/** Signed in and past every sign-in step; otherwise to /login or to the pending step. */
export function RequireSession() {
  const { data, isPending, error, refetch } = useSession();
  const location = useLocation();
  if (isPending) return <FullPageSpin />;
  if (error !== null && data === undefined) return <SessionError error={error} retry={() => void refetch()} />;
  if (data === null || data === undefined) {
    const from = lastExitReason() === 'loggedOut' ? undefined : location.pathname + location.search;
    return <Navigate to="/login" replace state={{ from }} />;
  }
  if (data.stage !== 'active') return <Navigate to={stagePath(data.stage)} replace />;
  return <Outlet />;
}

/** A sign-in step page: only while the session is at that stage. */
export function StageRoute({ stage, children }: { stage: Stage; children: ReactNode }) {
  const { data, isPending } = useSession();
  if (isPending) return <FullPageSpin />;
  if (data === null || data === undefined) return <Navigate to="/login" replace />;
  if (data.stage !== stage) return <Navigate to={stagePath(data.stage)} replace />;
  return <>{children}</>;
}

/** The login page: a fully signed-in user goes home instead. */
export function PublicOnly({ children }: { children: ReactNode }) {
  const { data, isPending } = useSession();
  if (isPending) return <FullPageSpin />;
  if (data !== null && data !== undefined && data.stage === 'active') return <Navigate to="/" replace />;
  return <>{children}</>;
}

/** A route that needs one permission: a clear 无权访问 page when it is missing, never a blank page. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { data } = useSession();
  if (!can(data?.permissions ?? [], permission)) return <ForbiddenPage />;
  return <>{children}</>;
}
