import type { ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { LoginPage } from '../modules/auth/LoginPage';
import { TotpPage } from '../modules/auth/TotpPage';
import { PasswordChangePage } from '../modules/auth/PasswordChangePage';
import { TotpSetupPage } from '../modules/auth/TotpSetupPage';
import { HomePage } from '../modules/home/HomePage';
import { PublicOnly, RequirePermission, RequireSession, StageRoute } from './guards';
import { AppLayout } from './layout/AppLayout';
import { lazyPage } from './lazyPage';

const OrgPage = lazyPage(() => import('../modules/org/OrgPage'), 'OrgPage');
const AccountsPage = lazyPage(() => import('../modules/accounts/AccountsPage'), 'AccountsPage');
const SecurityPage = lazyPage(() => import('../modules/security/SecurityPage'), 'SecurityPage');
const AuditPage = lazyPage(() => import('../modules/audit/AuditPage'), 'AuditPage');
const TenantsPage = lazyPage(() => import('../modules/platform/TenantsPage'), 'TenantsPage');
const PeoplePage = lazyPage(() => import('../modules/members/PeoplePage'), 'PeoplePage');
const MyRecordPage = lazyPage(() => import('../modules/members/MyRecordPage'), 'MyRecordPage');
const DevelopmentPage = lazyPage(() => import('../modules/development/DevelopmentPage'), 'DevelopmentPage');
const TransfersPage = lazyPage(() => import('../modules/transfers/TransfersPage'), 'TransfersPage');
const ImportsPage = lazyPage(() => import('../modules/imports/ImportsPage'), 'ImportsPage');
const StatsPage = lazyPage(() => import('../modules/stats/StatsPage'), 'StatsPage');
// 学习教育: courses and exams
const LearningPage = lazyPage(() => import('../modules/courses/LearningPage'), 'LearningPage');
const MyCoursePage = lazyPage(() => import('../modules/courses/MyCoursePage'), 'MyCoursePage');
const LessonPage = lazyPage(() => import('../modules/courses/LessonPage'), 'LessonPage');
const AttemptPage = lazyPage(() => import('../modules/exams/AttemptPage'), 'AttemptPage');
const CoursesAdminPage = lazyPage(() => import('../modules/courses/CoursesAdminPage'), 'CoursesAdminPage');
const ProgressPage = lazyPage(() => import('../modules/courses/ProgressPage'), 'ProgressPage');
const ExamsAdminPage = lazyPage(() => import('../modules/exams/ExamsAdminPage'), 'ExamsAdminPage');
const GradingPage = lazyPage(() => import('../modules/exams/GradingPage'), 'GradingPage');
// 学习教育: VR 党史展馆 (three.js loads later still, with a hall)
const ExhibitionPage = lazyPage(() => import('../modules/exhibition/ExhibitionPage'), 'ExhibitionPage');
const MePage = lazyPage(() => import('../modules/me/MePage'), 'MePage');
// dues (issue 4)
const DuesPage = lazyPage(() => import('../modules/dues/DuesPage'), 'DuesPage');
const MyDuesPage = lazyPage(() => import('../modules/dues/MyDuesPage'), 'MyDuesPage');
// dues online payments and reconciliation (issue 4)
const PayPage = lazyPage(() => import('../modules/dues/PayPage'), 'PayPage');
const PaySettingsPage = lazyPage(() => import('../modules/dues/PaySettingsPage'), 'PaySettingsPage');
const ReconciliationPage = lazyPage(() => import('../modules/dues/ReconciliationPage'), 'ReconciliationPage');
// the live meeting room (issue 5): open to every signed-in user; the server lets in the meeting's attendees and managers
const RoomPage = lazyPage(() => import('../modules/meetings/RoomPage'), 'RoomPage');
const RoomCheckinPage = lazyPage(() => import('../modules/meetings/RoomCheckinPage'), 'RoomCheckinPage');
// meetings, notifications and evaluation (issue 5)
const MeetingsPage = lazyPage(() => import('../modules/meetings/MeetingsPage'), 'MeetingsPage');
const NotificationsPage = lazyPage(() => import('../modules/meetings/NotificationsPage'), 'NotificationsPage');
const EvaluationPage = lazyPage(() => import('../modules/evaluation/EvaluationPage'), 'EvaluationPage');
// 学习教育: library and assistant
const LibraryPage = lazyPage(() => import('../modules/library/LibraryPage'), 'LibraryPage');
const AssistantPage = lazyPage(() => import('../modules/assistant/AssistantPage'), 'AssistantPage');
const AssistantSettingsPage = lazyPage(() => import('../modules/assistant/AssistantSettingsPage'), 'AssistantSettingsPage');
const NotFoundPage = lazyPage(() => import('./pages/StatusPage'), 'NotFoundPage');

function guarded(permission: string, element: ReactNode): ReactNode {
  return <RequirePermission permission={permission}>{element}</RequirePermission>;
}

export const routes: RouteObject[] = [
  {
    path: '/login',
    element: (
      <PublicOnly>
        <LoginPage />
      </PublicOnly>
    ),
  },
  {
    path: '/login/totp',
    element: (
      <StageRoute stage="totp">
        <TotpPage />
      </StageRoute>
    ),
  },
  {
    path: '/login/password',
    element: (
      <StageRoute stage="password_change">
        <PasswordChangePage />
      </StageRoute>
    ),
  },
  {
    path: '/login/totp-setup',
    element: (
      <StageRoute stage="totp_setup">
        <TotpSetupPage />
      </StageRoute>
    ),
  },
  {
    element: <RequireSession />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'org', element: guarded('org.read', <OrgPage />) },
          { path: 'people/*', element: guarded('people.read', <PeoplePage />) },
          { path: 'my-record/*', element: <MyRecordPage /> },
          { path: 'development/*', element: guarded('development.manage', <DevelopmentPage />) },
          { path: 'transfers/*', element: guarded('transfers.manage', <TransfersPage />) },
          { path: 'imports/*', element: guarded('people.import', <ImportsPage />) },
          { path: 'stats/*', element: guarded('stats.read', <StatsPage />) },
          { path: 'accounts', element: guarded('accounts.read', <AccountsPage />) },
          { path: 'security', element: guarded('security.manage', <SecurityPage />) },
          { path: 'audit', element: guarded('audit.read', <AuditPage />) },
          { path: 'platform', element: guarded('platform.tenants', <TenantsPage />) },
          // 学习教育: library and assistant
          { path: 'library/*', element: guarded('library.read', <LibraryPage />) },
          { path: 'assistant', element: guarded('assistant.use', <AssistantPage />) },
          { path: 'assistant-settings', element: guarded('assistant.configure', <AssistantSettingsPage />) },
          // 学习教育: courses and exams
          { path: 'learning', element: guarded('library.read', <LearningPage />) },
          { path: 'learning/courses/:id', element: guarded('library.read', <MyCoursePage />) },
          { path: 'learning/lessons/:id', element: guarded('library.read', <LessonPage />) },
          { path: 'learning/attempts/:id', element: guarded('library.read', <AttemptPage />) },
          { path: 'courses/*', element: guarded('courses.manage', <CoursesAdminPage />) },
          { path: 'learning-progress', element: guarded('learning.progress', <ProgressPage />) },
          { path: 'exams/*', element: guarded('exams.manage', <ExamsAdminPage />) },
          { path: 'grading/*', element: guarded('exams.grade', <GradingPage />) },
          // 学习教育: VR 党史展馆
          { path: 'exhibition/*', element: guarded('exhibition.read', <ExhibitionPage />) },
          { path: 'me', element: <MePage /> },
          // dues (issue 4). The 缴纳 button of 我的党费 opens /dues/pay?months=YYYY-MM,… (the checkout of the online
          // payment module registers that route before this one).
          // dues online payments and reconciliation (issue 4): more specific than dues/*, so they win over it
          { path: 'dues/pay/*', element: <PayPage /> },
          { path: 'dues/reconciliation', element: guarded('dues.reconcile', <ReconciliationPage />) },
          { path: 'dues/pay-settings', element: guarded('dues.pay_settings', <PaySettingsPage />) },
          { path: 'dues/*', element: guarded('dues.read', <DuesPage />) },
          { path: 'my-dues/*', element: <MyDuesPage /> },
          // the live meeting room (issue 5)
          { path: 'meetings/:id/room', element: <RoomPage /> },
          { path: 'meetings/:id/checkin', element: <RoomCheckinPage /> },
          // meetings, notifications and evaluation (issue 5)
          { path: 'meetings/*', element: <MeetingsPage /> },
          { path: 'notifications', element: <NotificationsPage /> },
          { path: 'evaluation/*', element: <EvaluationPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
