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
  | 'meetings' | 'evaluation' | 'notifications'
  // 学习教育: library and assistant
  | 'library' | 'assistant' | 'assistantSettings'
  // 学习教育: courses and exams
  | 'learning' | 'courses' | 'learningProgress' | 'exams' | 'grading'
  // 学习教育: VR 党史展馆
  | 'exhibition';

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
  // 学习教育: library and assistant
  { key: 'library', path: '/library', label: 'nav.library', permission: 'library.read' },
  { key: 'assistant', path: '/assistant', label: 'nav.assistant', permission: 'assistant.use' },
  // 学习教育: my learning (everyone in an enterprise reads the library), courses, progress, exams, grading
  { key: 'learning', path: '/learning', label: 'nav.learning', permission: 'library.read' },
  { key: 'courses', path: '/courses', label: 'nav.courses', permission: 'courses.manage' },
  { key: 'learningProgress', path: '/learning-progress', label: 'nav.learningProgress', permission: 'learning.progress' },
  { key: 'exams', path: '/exams', label: 'nav.exams', permission: 'exams.manage' },
  { key: 'grading', path: '/grading', label: 'nav.grading', permission: 'exams.grade' },
  // 学习教育: VR 党史展馆 (everyone visits; curators see their drafts there too)
  { key: 'exhibition', path: '/exhibition', label: 'nav.exhibition', permission: 'exhibition.read' },
  { key: 'accounts', path: '/accounts', label: 'nav.accounts', permission: 'accounts.read' },
  { key: 'security', path: '/security', label: 'nav.security', permission: 'security.manage' },
  { key: 'audit', path: '/audit', label: 'nav.audit', permission: 'audit.read' },
  { key: 'platform', path: '/platform', label: 'nav.platform', permission: 'platform.tenants' },
  { key: 'notifications', path: '/notifications', label: 'nav.notifications', permission: null },
  { key: 'assistantSettings', path: '/assistant-settings', label: 'nav.assistantSettings', permission: 'assistant.configure' },
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
