/** Audit cases of the evaluation routes for platform/audit/audit.test.ts: one successful call each, one record each. */
import type { TestApp } from '../../testing/app.js';
import { loginActive, makeUser, type TestTenant, type TestUnit } from '../../testing/factories.js';
import { linkPerson, makeBranch, type AuditCase } from '../meetings/testing.js';

export async function evaluationAuditCases(t: TestApp, tenant: TestTenant, root: TestUnit): Promise<AuditCase[]> {
  const b = await makeBranch(t, tenant.tenantId, root.id, { full: 1, probationary: 1, committee: false, name: '评议测试支部' });
  const [p0, p1] = [b.full[0]!, b.probationary[0]!];
  const user = await makeUser(t, tenant.tenantId, { role: 'branch_secretary', orgUnitId: b.unit.id });
  await linkPerson(t, tenant.tenantId, user.userId, p0);
  const sec = await loginActive(t.app, user);
  let id = '';
  const actor = user.userId;
  const base = { tenantId: tenant.tenantId, actor, object: () => id };
  return [
    {
      ...base, route: 'POST /api/evaluation/rounds', action: 'evaluation.open',
      call: async () => {
        const r = await sec.post('/api/evaluation/rounds', { orgUnitId: b.unit.id, year: 2026 });
        id = r.json<{ id: string }>().id;
        return r;
      },
    },
    { ...base, route: 'PUT /api/evaluation/rounds/:id/self', action: 'evaluation.self', call: () => sec.put(`/api/evaluation/rounds/${id}/self`, { text: '自评' }) },
    { ...base, route: 'POST /api/evaluation/rounds/:id/ratings', action: 'evaluation.rate', call: () => sec.post(`/api/evaluation/rounds/${id}/ratings`, { ratings: [{ personId: p1, grade: 'qualified' }] }) },
    { ...base, route: 'POST /api/evaluation/rounds/:id/close-rating', action: 'evaluation.close_rating', call: () => sec.post(`/api/evaluation/rounds/${id}/close-rating`) },
    { ...base, route: 'PUT /api/evaluation/rounds/:id/participants/:personId', action: 'evaluation.decide', call: () => sec.put(`/api/evaluation/rounds/${id}/participants/${p0}`, { committeeOpinion: '合格', finalGrade: 'qualified' }) },
    { ...base, route: 'PUT /api/evaluation/rounds/:id/participants/:personId', action: 'evaluation.decide', call: () => sec.put(`/api/evaluation/rounds/${id}/participants/${p1}`, { committeeOpinion: '合格', finalGrade: 'qualified' }) },
    { ...base, route: 'POST /api/evaluation/rounds/:id/close', action: 'evaluation.close', call: () => sec.post(`/api/evaluation/rounds/${id}/close`) },
  ];
}
