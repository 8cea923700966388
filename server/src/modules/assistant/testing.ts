/** The audit cases of the assistant's write routes (platform/audit/audit.test.ts). */
import type { TestApp } from '../../testing/app.js';
import { loginActive, makeUser, type TestTenant, type TestUnit } from '../../testing/factories.js';
import type { AuditCase } from '../members/testing.js';

export async function assistantAuditCases(t: TestApp, tenant: TestTenant, root: TestUnit): Promise<AuditCase[]> {
  const memberUser = await makeUser(t, tenant.tenantId, { role: 'party_member', orgUnitId: root.id });
  const member = await loginActive(t.app, memberUser);
  const adminUser = await makeUser(t, tenant.tenantId, { role: 'sys_admin' });
  const admin = await loginActive(t.app, adminUser);
  let conversationId = '';
  return [
    {
      route: 'POST /api/assistant/ask', tenantId: tenant.tenantId, action: 'assistant.ask', actor: memberUser.userId, object: () => conversationId,
      call: async () => { const r = await member.post('/api/assistant/ask', { question: '党费怎么交？' }); conversationId = r.json<{ conversationId: string }>().conversationId; return r; },
    },
    { route: 'DELETE /api/assistant/conversations/:id', tenantId: tenant.tenantId, action: 'assistant.delete_conversation', actor: memberUser.userId, object: () => conversationId, call: () => member.delete(`/api/assistant/conversations/${conversationId}`) },
    {
      route: 'PUT /api/assistant/settings', tenantId: tenant.tenantId, action: 'settings.assistant', actor: adminUser.userId, object: () => tenant.tenantId,
      call: () => admin.put('/api/assistant/settings', { questionsPerHour: 20, modelEnabled: false, baseUrl: '', model: '' }),
    },
  ];
}
