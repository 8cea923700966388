/** Test helpers of the library: create and publish resources over HTTP, and the audit cases of its write routes. */
import type { TestApp } from '../../testing/app.js';
import { loginActive, makeUnit, makeUser, type Agent, type Res, type TestTenant, type TestUnit } from '../../testing/factories.js';
import type { AuditCase } from '../members/testing.js';
import { SAMPLE } from '../../platform/files/testing.js';

export interface ArticleInput { title: string; body: string; tags?: string[]; category?: string; scopeUnitId?: string | null; source?: string; summary?: string }

export const articleBody = (a: ArticleInput) => ({
  kind: 'article', title: a.title, summary: a.summary ?? '', source: a.source ?? '', category: a.category ?? 'general', tags: a.tags ?? [],
  scopeUnitId: a.scopeUnitId ?? null, bodyHtml: a.body.split('\n').map((p) => `<p>${p}</p>`).join(''),
});

/** Creates an article and publishes it; returns its id. */
export async function publishArticle(manager: Agent, a: ArticleInput): Promise<string> {
  const r = await manager.post('/api/library/resources', articleBody(a));
  if (r.statusCode !== 200) throw new Error(`create failed: ${r.body}`);
  const id = r.json<{ id: string }>().id;
  const p = await manager.post(`/api/library/resources/${id}/publish`);
  if (p.statusCode !== 200) throw new Error(`publish failed: ${p.body}`);
  return id;
}

export const uploadFile = (a: Agent, data: Buffer, fileName: string, contentType = 'application/octet-stream') =>
  a.inject({ method: 'POST', url: `/api/library/files?fileName=${encodeURIComponent(fileName)}`, payload: data, headers: { 'content-type': contentType } });

/** One successful call per library write route, each expected to leave exactly one audit record. */
export async function libraryAuditCases(t: TestApp, tenant: TestTenant, root: TestUnit): Promise<AuditCase[]> {
  const unit = await makeUnit(t, tenant.tenantId, { parentId: root.id, name: '资源测试支部' });
  const u = await makeUser(t, tenant.tenantId, { role: 'propaganda_member', orgUnitId: root.id });
  const m = await loginActive(t.app, u);
  const actor = u.userId;
  let id = '';
  let fileId = '';
  return [
    {
      route: 'POST /api/library/files', tenantId: tenant.tenantId, action: 'library.file_upload', actor, object: () => fileId,
      call: async () => { const r: Res = await uploadFile(m, SAMPLE.pdf, '审计.pdf'); fileId = r.json<{ id: string }>().id; return r; },
    },
    {
      route: 'POST /api/library/resources', tenantId: tenant.tenantId, action: 'library.create', actor, object: () => id,
      call: async () => { const r = await m.post('/api/library/resources', articleBody({ title: '审计测试文章', body: '正文内容', scopeUnitId: unit.id })); id = r.json<{ id: string }>().id; return r; },
    },
    { route: 'PATCH /api/library/resources/:id', tenantId: tenant.tenantId, action: 'library.update', actor, object: () => id, call: () => m.patch(`/api/library/resources/${id}`, { ...articleBody({ title: '改过的标题', body: '正文', scopeUnitId: unit.id }), kind: undefined, version: 1 }) },
    { route: 'POST /api/library/resources/:id/publish', tenantId: tenant.tenantId, action: 'library.publish', actor, object: () => id, call: () => m.post(`/api/library/resources/${id}/publish`) },
    { route: 'PUT /api/library/resources/:id/sharing', tenantId: tenant.tenantId, action: 'library.share', actor, object: () => id, call: () => m.put(`/api/library/resources/${id}/sharing`, { shared: true }) },
    { route: 'POST /api/library/resources/:id/unpublish', tenantId: tenant.tenantId, action: 'library.unpublish', actor, object: () => id, call: () => m.post(`/api/library/resources/${id}/unpublish`) },
    { route: 'DELETE /api/library/resources/:id', tenantId: tenant.tenantId, action: 'library.delete', actor, object: () => id, call: () => m.delete(`/api/library/resources/${id}`) },
  ];
}
