// Files of the 发展党员 record (RULES.md §2 materials as scans): upload + download round trip, the declared type checked
// against the file's first bytes, the 5 MB limit, scope and tenant (404), audit records for upload and download
// (never the content), and a step citing an uploaded file.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwner, rowCounts, WRITE_TABLES } from '../../testing/db.js';
import { testApp, type TestApp } from '../../testing/app.js';
import { loginActive, makePerson, makeTenant, makeUnit, makeUser, type Agent, type TestTenant, type TestUnit } from '../../testing/factories.js';
import { MAX_DOCUMENT_BYTES, sniffContentType } from './documents.js';
import { attachmentDisposition } from '../../platform/files/disposition.js';

let t: TestApp;
let tenant: TestTenant;
let root: TestUnit;
let branch: TestUnit;
let otherBranch: TestUnit;
let zhibu: Agent; // 支部书记 on `branch`: development.manage there only
let zhibuId: string;
let person: string;
let outsider: string; // in `otherBranch`

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x41), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

beforeAll(async () => {
  t = await testApp();
  tenant = await makeTenant(t);
  root = await makeUnit(t, tenant.tenantId, { kind: 'committee' });
  branch = await makeUnit(t, tenant.tenantId, { parentId: root.id, kind: 'branch' });
  otherBranch = await makeUnit(t, tenant.tenantId, { parentId: root.id, kind: 'branch' });
  const u = await makeUser(t, tenant.tenantId, { role: 'branch_secretary', orgUnitId: branch.id, displayName: '支部书记甲' });
  zhibuId = u.userId;
  zhibu = await loginActive(t.app, u);
  person = await makePerson(t, tenant.tenantId, { orgUnitId: branch.id, name: '申请人甲', birthDate: '2000-01-01' });
  outsider = await makePerson(t, tenant.tenantId, { orgUnitId: otherBranch.id, name: '申请人乙', birthDate: '2000-01-01' });
});

afterAll(async () => {
  await t?.close();
});

const upload = (a: Agent, personId: string, data: Buffer, contentType: string, title = '入党申请书', fileName = '入党申请书 (扫描).pdf') =>
  a.inject({
    method: 'POST', url: `/api/development/people/${personId}/documents?title=${encodeURIComponent(title)}&fileName=${encodeURIComponent(fileName)}`,
    payload: data, headers: { 'content-type': contentType },
  });

const auditOf = (action: string) => asOwner(t.database, (tx) => tx.selectFrom('audit_log').select(['action', 'object_id', 'detail', 'actor_id']).where('tenant_id', '=', tenant.tenantId).where('action', '=', action).execute());

describe('development documents', () => {
  it('recognises PDF, JPEG and PNG by their first bytes', () => {
    expect(sniffContentType(PDF)).toBe('application/pdf');
    expect(sniffContentType(PNG)).toBe('image/png');
    expect(sniffContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(sniffContentType(Buffer.from('hello'))).toBeNull();
    expect(attachmentDisposition('入党申请书 (扫描).pdf')).toBe(`attachment; filename="_____ (__).pdf"; filename*=UTF-8''%E5%85%A5%E5%85%9A%E7%94%B3%E8%AF%B7%E4%B9%A6%20%28%E6%89%AB%E6%8F%8F%29.pdf`);
  });

  it('uploads and downloads the same bytes, audited both ways without the content, with a history line', async () => {
    const up = await upload(zhibu, person, PDF, 'application/pdf');
    expect(up.statusCode, up.body).toBe(200);
    const sha256 = createHash('sha256').update(PDF).digest('hex');
    const doc = up.json<{ id: string; size: number; sha256: string; fileName: string }>();
    expect(doc).toMatchObject({ size: PDF.length, sha256, fileName: '入党申请书 (扫描).pdf' });

    const down = await zhibu.get(`/api/development/documents/${doc.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(PDF)).toBe(true);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(String(down.headers['content-disposition'])).toMatch(/^attachment; filename="[^"]+"; filename\*=UTF-8''%E5%85%A5/);

    const [uploaded] = (await auditOf('development.document_upload')).filter((r) => (r.detail as { documentId?: string }).documentId === doc.id);
    expect(uploaded).toMatchObject({ object_id: person, actor_id: zhibuId, detail: { documentId: doc.id, title: '入党申请书', sha256, size: PDF.length } });
    const downloaded = (await auditOf('development.document_download')).filter((r) => (r.detail as { documentId?: string }).documentId === doc.id);
    expect(downloaded).toHaveLength(1);
    expect(JSON.stringify([uploaded, downloaded])).not.toContain('%PDF');
    const events = await asOwner(t.database, (tx) => tx.selectFrom('person_events').select(['kind', 'detail']).where('person_id', '=', person).where('kind', '=', 'development.document').execute());
    expect(events.map((e) => (e.detail as { documentId: string }).documentId)).toContain(doc.id);

    const rec = (await zhibu.get(`/api/development/people/${person}`)).json<{ documents: { id: string; url: string; stepId: string | null }[]; abilities: { documents: boolean } }>();
    expect(rec.abilities.documents).toBe(true);
    expect(rec.documents.find((d) => d.id === doc.id)).toMatchObject({ url: `/api/development/documents/${doc.id}`, stepId: null });
  });

  it('refuses a file whose bytes are not the declared type, naming the field, and writes nothing', async () => {
    const before = await rowCounts(t.database, WRITE_TABLES);
    const res = await upload(zhibu, person, PNG, 'application/pdf');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'file' });
    expect(res.json<{ message: string }>().message).toContain('PDF');
    const jpeg = await upload(zhibu, person, Buffer.from('not an image'), 'image/jpeg', '思想汇报', 'x.jpg');
    expect(jpeg.statusCode).toBe(400);
    expect(jpeg.json<{ message: string }>().message).toBe('文件（file）的内容不是 JPEG，请上传真实的 PDF、JPEG 或 PNG 文件');
    expect((await upload(zhibu, person, Buffer.from('hello'), 'text/plain')).statusCode).toBe(415);
    expect(await rowCounts(t.database, WRITE_TABLES)).toEqual(before);
  });

  it('refuses a file over 5 MB and writes nothing', async () => {
    const before = await rowCounts(t.database, WRITE_TABLES);
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(MAX_DOCUMENT_BYTES, 0x20)]);
    const res = await upload(zhibu, person, big, 'application/pdf');
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ field: 'file' });
    expect(res.json<{ message: string }>().message).toContain('5 MB');
    expect(await rowCounts(t.database, WRITE_TABLES)).toEqual(before);
  });

  it('answers 404 out of scope and across tenants, for upload and download', async () => {
    const before = await rowCounts(t.database, WRITE_TABLES);
    expect((await upload(zhibu, outsider, PDF, 'application/pdf')).statusCode).toBe(404);
    expect(await rowCounts(t.database, WRITE_TABLES)).toEqual(before);

    const zuzhi = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'organization_member', orgUnitId: root.id }));
    const theirs = (await upload(zuzhi, outsider, PNG, 'image/png', '政审材料', 'review.png')).json<{ id: string }>().id;
    expect((await zuzhi.get(`/api/development/documents/${theirs}`)).statusCode).toBe(200);
    expect((await zhibu.get(`/api/development/documents/${theirs}`)).statusCode).toBe(404);

    const other = await makeTenant(t);
    const otherUnit = await makeUnit(t, other.tenantId, { kind: 'committee' });
    const stranger = await loginActive(t.app, await makeUser(t, other.tenantId, { role: 'organization_member', orgUnitId: otherUnit.id }));
    expect((await stranger.get(`/api/development/documents/${theirs}`)).statusCode).toBe(404);
    expect((await upload(stranger, person, PDF, 'application/pdf')).statusCode).toBe(404);
  });

  it('attaches uploaded files to the step that cites them, once', async () => {
    const who = await makePerson(t, tenant.tenantId, { orgUnitId: branch.id, name: '申请人丙', birthDate: '2000-01-01' });
    const doc = (await upload(zhibu, who, PDF, 'application/pdf')).json<{ id: string }>().id;
    const foreign = (await upload(zhibu, person, PDF, 'application/pdf')).json<{ id: string }>().id;

    const before = await rowCounts(t.database, WRITE_TABLES);
    const wrong = await zhibu.post(`/api/development/people/${who}/steps`, { kind: 'application', on: '2025-01-06', documents: [{ title: '入党申请书', number: '', documentId: foreign }] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ field: 'documentId' });
    expect(await rowCounts(t.database, WRITE_TABLES)).toEqual(before);

    const ok = await zhibu.post(`/api/development/people/${who}/steps`, { kind: 'application', on: '2025-01-06', documents: [{ title: '入党申请书', number: '', documentId: doc }] });
    expect(ok.statusCode, ok.body).toBe(200);
    const stepId = ok.json<{ stepId: string }>().stepId;
    const rec = (await zhibu.get(`/api/development/people/${who}`)).json<{ steps: { id: string; documents: { documentId?: string }[] }[]; documents: { id: string; stepId: string | null }[] }>();
    expect(rec.steps[0]!.documents[0]!.documentId).toBe(doc);
    expect(rec.documents).toEqual([expect.objectContaining({ id: doc, stepId })]);

    const again = await zhibu.post(`/api/development/people/${who}/steps`, { kind: 'talk', on: '2025-01-20', documents: [{ title: '谈话记录', number: '', documentId: doc }] });
    expect(again.statusCode).toBe(409);
  });
});
