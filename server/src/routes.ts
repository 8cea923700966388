import { Type } from '@sinclair/typebox';
import type { App } from './platform/http/app.js';
import { ping } from './platform/db/database.js';
import { authRoutes } from './platform/auth/routes.js';
import { meRoutes } from './modules/me/routes.js';
import { orgRoutes } from './modules/org/routes.js';
import { accountRoutes } from './modules/accounts/routes.js';
import { tenantRoutes } from './modules/tenants/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { calendarRoutes } from './modules/members/calendar-routes.js';
import { peopleRoutes } from './modules/members/people-routes.js';
import { developmentRoutes } from './modules/development/routes.js';
import { transferRoutes } from './modules/transfers/routes.js';
import { importRoutes } from './modules/imports/routes.js';
import { statsRoutes } from './modules/stats/routes.js';
// dues online payments and reconciliation (issue 4)
import { duesPaymentRoutes } from './modules/dues/payments-routes.js';
// dues (issue 4)
import { duesRoutes } from './modules/dues/routes.js';
// meetings (issue 5): notifications, meetings, evaluation
import { notifyRoutes } from './platform/notify/routes.js';
import { meetingRoutes } from './modules/meetings/routes.js';
import { evaluationRoutes } from './modules/evaluation/routes.js';

// meetings (issue 5): the live room and its votes, over platform/realtime
import { roomRoutes } from './modules/meetings/room/routes.js';
// 学习教育: courses and exams (issue 6)
import { examsModuleRoutes } from './modules/exams/routes.js';
import { courseRoutes } from './modules/courses/routes.js';
// 学习教育: library, search and the Q&A assistant
import { libraryRoutes } from './modules/library/routes.js';
import { assistantRoutes } from './modules/assistant/routes.js';
// 学习教育: VR 党史展馆
import { exhibitionRoutes } from './modules/exhibition/routes.js';

const startedAt = Date.now();

/** Every module's routes. A module added here gets the same deny-by-default checks as the rest. */
export async function registerRoutes(app: App): Promise<void> {
  const Health = Type.Object({ status: Type.Literal('ok'), database: Type.Union([Type.Literal('pglite'), Type.Literal('postgresql')]), version: Type.String(), uptimeSeconds: Type.Integer() });
  const health = () => ({ status: 'ok' as const, database: app.deps.database.kind, version: app.deps.version, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) });
  // Liveness: answers without touching the database, so it stays fast while a long query runs.
  app.get('/api/health', { config: { permission: 'public' }, schema: { tags: ['platform'], summary: '存活检查（不访问数据库）', response: { 200: Health } } }, async () => health());
  // Readiness: also proves the database answers (for load balancers and the CLI).
  app.get('/api/health/ready', { config: { permission: 'public' }, schema: { tags: ['platform'], summary: '就绪检查（含数据库）', response: { 200: Health } } }, async () => {
    await ping(app.deps.database.db);
    return health();
  });
  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());

  await authRoutes(app);
  await meRoutes(app);
  await orgRoutes(app);
  await accountRoutes(app);
  await tenantRoutes(app);
  await auditRoutes(app);
  await calendarRoutes(app);
  await peopleRoutes(app);
  await developmentRoutes(app);
  await transferRoutes(app);
  await importRoutes(app);
  await statsRoutes(app);
  // dues (issue 4)
  await duesRoutes(app);
  // dues online payments and reconciliation (issue 4)
  await duesPaymentRoutes(app);
  // meetings (issue 5)
  await notifyRoutes(app);
  await meetingRoutes(app);
  await evaluationRoutes(app);
  // meetings (issue 5): the live room
  await roomRoutes(app);
  // 学习教育: courses and exams (issue 6)
  await examsModuleRoutes(app);
  await courseRoutes(app);
  // 学习教育: library, search and the Q&A assistant
  await libraryRoutes(app);
  await assistantRoutes(app);
  // 学习教育: VR 党史展馆
  await exhibitionRoutes(app);
}
