/** Navigation that follows the user's permissions. Pure: the layout adds icons. */
import type { MessageKey } from './i18n/translate';

export type NavKey =
  | 'home' | 'org' | 'people' | 'development' | 'transfers' | 'imports' | 'stats' | 'myRecord'
  // dues (issue 4)
  | 'dues' | 'myDues'
  // dues online payments and reconciliation (issue 4)
  | 'duesPay' | 'duesReconcile' | 'duesPaySettings'
  | 'accounts' | 'security' | 'audit' | 'platform' | 'me'
  // meetings, evaluation and notifications (issue 5)
  | 'meetings' | 'evaluation' | 'notifications';

export interface NavEntry {
  key: NavKey;
  path: string;
  label: MessageKey;
  /** null: every signed-in user sees it. */
  permission: string | null;
  /** A page reached from another page (not a menu item), named in the top bar. */
  hidden?: boolean;
}

export const NAV: readonly NavEntry[] = [
  { key: 'home', path: '/', label: 'nav.home', permission: null },
  { key: 'org', path: '/org', label: 'nav.org', permission: 'org.read' },
  { key: 'people', path: '/people', label: 'nav.people', permission: 'people.read' },
  { key: 'development', path: '/development', label: 'nav.development', permission: 'development.manage' },
  { key: 'transfers', path: '/transfers', label: 'nav.transfers', permission: 'transfers.manage' },
  { key: 'imports', path: '/imports', label: 'nav.imports', permission: 'people.import' },
  { key: 'stats', path: '/stats', label: 'nav.stats', permission: 'stats.read' },
  // dues (issue 4)
  { key: 'dues', path: '/dues', label: 'nav.dues', permission: 'dues.read' },
  // meetings (issue 5): every member has meetings to attend and a round to rate in; the screens show what the role allows
  { key: 'meetings', path: '/meetings', label: 'nav.meetings', permission: null },
  { key: 'evaluation', path: '/evaluation', label: 'nav.evaluation', permission: null },
  { key: 'myRecord', path: '/my-record', label: 'nav.myRecord', permission: null },
  // dues (issue 4): every member's own dues
  { key: 'myDues', path: '/my-dues', label: 'nav.myDues', permission: null },
  // dues online payments and reconciliation (issue 4): the checkout is opened from 我的党费
  { key: 'duesPay', path: '/dues/pay', label: 'nav.duesPay', permission: null, hidden: true },
  { key: 'duesReconcile', path: '/dues/reconciliation', label: 'nav.duesReconcile', permission: 'dues.reconcile' },
  { key: 'duesPaySettings', path: '/dues/pay-settings', label: 'nav.duesPaySettings', permission: 'dues.pay_settings' },
  { key: 'accounts', path: '/accounts', label: 'nav.accounts', permission: 'accounts.read' },
  { key: 'security', path: '/security', label: 'nav.security', permission: 'security.manage' },
  { key: 'audit', path: '/audit', label: 'nav.audit', permission: 'audit.read' },
  { key: 'platform', path: '/platform', label: 'nav.platform', permission: 'platform.tenants' },
  { key: 'notifications', path: '/notifications', label: 'nav.notifications', permission: null },
  { key: 'me', path: '/me', label: 'nav.me', permission: null },
];

export function can(permissions: readonly string[], permission: string | null): boolean {
  return permission === null || permissions.includes(permission);
}

export function visibleNav(permissions: readonly string[]): NavEntry[] {
  return NAV.filter((e) => !e.hidden && can(permissions, e.permission));
}

/** The nav entry a pathname belongs to (longest matching prefix), or undefined for unknown paths. */
export function navEntryFor(pathname: string): NavEntry | undefined {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return NAV[0];
  return NAV.filter((e) => e.path !== '/' && (path === e.path || path.startsWith(`${e.path}/`))).sort(
    (a, b) => b.path.length - a.path.length,
  )[0];
}

/** The permission a pathname needs; null when any signed-in user may open it. */
export function routePermission(pathname: string): string | null {
  return navEntryFor(pathname)?.permission ?? null;
}
