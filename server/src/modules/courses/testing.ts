/** Test helpers of courses: the audit cases of the course write routes. */
import type { TestApp } from '../../testing/app.js';
import { loginActive, makeUnit, makeUser, type TestTenant, type TestUnit } from '../../testing/factories.js';
import type { AuditCase } from '../members/testing.js';
import { publishArticle } from '../library/testing.js';
import { DEFAULT_LEARNING_SETTINGS } from './rules.js';

/**
 * One successful call per course write route for platform/audit/audit.test.ts, each leaving exactly one record.
 * (Heartbeats are exempt there: the study session rows are their record.)
 */
export async function courseAuditCases(t: TestApp, tenant: TestTenant, root: TestUnit): Promise<AuditCase[]> {
  const branch = await makeUnit(t, tenant.tenantId, { parentId: root.id, name: '课程测试支部' });
  const user = await makeUser(t, tenant.tenantId, { role: 'propaganda_member', orgUnitId: null });
  const m = await loginActive(t.app, user);
  const resourceId = await publishArticle(m, { title: '审计用课程资源', body: '课程正文' });
  const actor = user.userId;
  const tid = tenant.tenantId;
  const body = (title: string) => ({ title, orgUnitId: root.id, openToAll: false, lessons: [{ title: '第一课', resourceId, durationMinutes: 5 }] });
  let id = '';
  let assignment = '';
  const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  return [
    { route: 'POST /api/courses', tenantId: tid, action: 'course.create', actor, object: () => id, call: async () => { const r = await m.post('/api/courses', body('审计课程')); id = r.json<{ id: string }>().id; return r; } },
    { route: 'PUT /api/courses/:id', tenantId: tid, action: 'course.update', actor, object: () => id, call: () => m.put(`/api/courses/${id}`, body('审计课程（改）')) },
    { route: 'POST /api/courses/:id/publish', tenantId: tid, action: 'course.publish', actor, object: () => id, call: () => m.post(`/api/courses/${id}/publish`) },
    {
      route: 'POST /api/courses/:id/assignments', tenantId: tid, action: 'course.assign', actor, object: () => id,
      call: async () => { const r = await m.post(`/api/courses/${id}/assignments`, { unitIds: [branch.id], personIds: [], dueOn: due }); assignment = r.json<{ assignments: { id: string }[] }>().assignments[0]!.id; return r; },
    },
    { route: 'DELETE /api/courses/:id/assignments/:assignmentId', tenantId: tid, action: 'course.unassign', actor, object: () => id, call: () => m.delete(`/api/courses/${id}/assignments/${assignment}`) },
    { route: 'POST /api/courses/:id/archive', tenantId: tid, action: 'course.archive', actor, object: () => id, call: () => m.post(`/api/courses/${id}/archive`) },
    { route: 'PUT /api/learning/settings', tenantId: tid, action: 'settings.learning', actor, object: () => tid, call: () => m.put('/api/learning/settings', { ...DEFAULT_LEARNING_SETTINGS, reminderDays: 5 }) },
  ];
}
