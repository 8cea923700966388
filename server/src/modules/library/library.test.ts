// The library (issue 6): articles sanitized on the server; Chinese full-text search (jieba lexemes in a GIN-indexed
// tsvector) with highlighted snippets, filters and ranking; pinyin and initials for titles; org scope; publish;
// sharing with the whole platform (readable by other tenants, written only by the owner); uploads typed by content
// and streamed back with ranges; everything refused writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowCounts, WRITE_TABLES } from '../../testing/db.js';
import { testApp, type TestApp } from '../../testing/app.js';
import { loginActive, makeTenant, makeUnit, makeUser, type Agent, type TestTenant, type TestUnit } from '../../testing/factories.js';
import { SAMPLE } from '../../platform/files/testing.js';
import { articleBody, publishArticle, uploadFile } from './testing.js';
import { libraryIndexers } from './routes.js';

let t: TestApp;
let tenant: TestTenant;
let root: TestUnit;
let branchA: TestUnit;
let branchB: TestUnit;
let manager: Agent; // 宣传委员 at the top: manages everything
let memberA: Agent; // 党员 of branch A
let memberB: Agent; // 党员 of branch B
let other: Agent; // 党员 of another enterprise
let otherManager: Agent;
const ids: Record<string, string> = {};

interface Card { id: string; title: string; titleParts: { text: string; hit: boolean }[]; snippet: { text: string; hit: boolean }[]; kind: string; fromOtherTenant: boolean; status: string; passageId: string | null }
const search = async (a: Agent, query: string) => {
  const r = await a.get(`/api/library/resources?${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json<{ items: Card[]; total: number; words: string[] }>();
};
const titles = (r: { items: Card[] }) => r.items.map((i) => i.title);

beforeAll(async () => {
  t = await testApp();
  tenant = await makeTenant(t);
  root = await makeUnit(t, tenant.tenantId, { kind: 'committee', name: '集团党委' });
  branchA = await makeUnit(t, tenant.tenantId, { parentId: root.id, name: '第一党支部' });
  branchB = await makeUnit(t, tenant.tenantId, { parentId: root.id, name: '第二党支部' });
  manager = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'propaganda_member', orgUnitId: root.id }));
  memberA = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'party_member', orgUnitId: branchA.id }));
  memberB = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'party_member', orgUnitId: branchB.id }));
  const o = await makeTenant(t);
  const oRoot = await makeUnit(t, o.tenantId, { kind: 'committee' });
  other = await loginActive(t.app, await makeUser(t, o.tenantId, { role: 'party_member', orgUnitId: oRoot.id }));
  otherManager = await loginActive(t.app, await makeUser(t, o.tenantId, { role: 'propaganda_member', orgUnitId: oRoot.id }));

  ids.dues = await publishArticle(manager, {
    title: '党费交纳标准', category: 'regulation', source: '中组发〔2008〕3号', tags: ['党费', '制度'],
    body: '在职党员以每月工资收入为计算基数。\n月工资收入在3000元以下（含3000元）者，交纳月工资收入的0.5%。\n党员应当按月交纳党费。',
  });
  ids.meetings = await publishArticle(manager, {
    title: '三会一课制度', category: 'regulation', source: '中国共产党支部工作条例（试行）', tags: ['组织生活'],
    body: '党支部应当组织党员按期参加党员大会、党小组会和上党课，定期召开支部委员会会议。\n党员大会一般每季度召开1次。',
  });
  ids.history = await publishArticle(manager, { title: '红船精神', category: 'history', tags: ['党史'], body: '1921年7月，中国共产党第一次全国代表大会在上海召开，最后一天转移到嘉兴南湖的一条游船上举行。' });
  ids.branchOnly = await publishArticle(manager, { title: '第一支部学习计划', scopeUnitId: branchA.id, body: '本支部本季度学习党章和党费交纳规定。' });
  const draft = await manager.post('/api/library/resources', articleBody({ title: '尚未发布的党费说明', body: '党费草稿内容' }));
  ids.draft = draft.json<{ id: string }>().id;
});

afterAll(async () => { await t?.close(); });

describe('Chinese full-text search', () => {
  it('finds by words of the body and the title, best first, with highlighted snippets', async () => {
    const r = await search(memberA, `q=${encodeURIComponent('交纳党费')}`);
    expect(r.words).toEqual(['交纳', '党费']);
    expect(titles(r)[0]).toBe('党费交纳标准');
    expect(titles(r)).toContain('第一支部学习计划');
    const hit = r.items[0]!;
    expect(hit.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(expect.arrayContaining(['交纳']));
    expect(hit.titleParts.some((p) => p.hit && p.text === '党费')).toBe(true);
    expect(hit.passageId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a broad query from the title hits when they fill the page, and ranks every match when they do not', async () => {
    // Three resources hold 防汛 in their title, one only in its body (migration 0044).
    for (const n of [1, 2, 3]) await publishArticle(manager, { title: `防汛工作要点${n}`, category: n === 3 ? 'policy' : 'general', body: `做好第${n}阶段的准备。` });
    await publishArticle(manager, { title: '汛期值班安排', category: 'policy', body: '各单位落实防汛值班制度，防汛物资到位。' });
    const q = `q=${encodeURIComponent('防汛')}`;
    const page2 = await search(memberA, `${q}&pageSize=2`);
    expect(titles(page2).every((x) => x.startsWith('防汛工作要点'))).toBe(true);
    expect(page2.total).toBe(3);
    // A page the title hits cannot fill, and a filter that leaves one title hit, rank every match.
    expect(titles(await search(memberA, `${q}&pageSize=20`))).toEqual(expect.arrayContaining(['汛期值班安排']));
    expect(titles(await search(memberA, `${q}&pageSize=20`))).toHaveLength(4);
    expect(titles(await search(memberA, `${q}&pageSize=2&category=policy`)).sort()).toEqual(['汛期值班安排', '防汛工作要点3'].sort());
    // Paging on: the page after the title hits goes on where they ended (0051) — the last title hit, then the body
    // match — so every resource is reached once, none twice.
    const page1 = await search(memberA, `${q}&pageSize=2&page=1`);
    const next = await search(memberA, `${q}&pageSize=2&page=2`);
    expect(titles(next)).toEqual([expect.stringMatching(/^防汛工作要点/), '汛期值班安排']);
    expect(new Set([...titles(page1), ...titles(next)]).size).toBe(4);
  });

  it('puts every title hit before any body match, whatever the scores', async () => {
    // The body says 廉洁 many times; the title hit only once. By score alone the body would come first.
    await publishArticle(manager, { title: '廉洁从业若干规定', body: '总则。' });
    await publishArticle(manager, { title: '年度工作总结', body: '廉洁 廉洁 廉洁，坚持廉洁自律，廉洁从业，廉洁奉公，廉洁文化进班组。' });
    expect(titles(await search(memberA, `q=${encodeURIComponent('廉洁')}`))).toEqual(['廉洁从业若干规定', '年度工作总结']);
  });

  it('needs every word: two words that never meet find nothing; stop words alone search nothing', async () => {
    expect((await search(memberA, `q=${encodeURIComponent('党费 嘉兴')}`)).total).toBe(0);
    expect((await search(memberA, `q=${encodeURIComponent('的 了')}`)).total).toBe(0);
    expect(titles(await search(memberA, `q=${encodeURIComponent('嘉兴南湖')}`))).toEqual(['红船精神']);
  });

  it('finds titles by pinyin and by initials', async () => {
    expect(titles(await search(memberA, 'q=hongchuan'))).toEqual(['红船精神']);
    expect(titles(await search(memberA, 'q=shyk'))).toEqual(['三会一课制度']);
    expect(titles(await search(memberA, 'q=dangfei'))).toContain('党费交纳标准');
    expect(titles(await search(memberA, 'q=dfjn'))).toEqual(['党费交纳标准']);
  });

  it('filters by kind, category, tag, scope and date', async () => {
    expect(titles(await search(memberA, 'category=regulation')).sort()).toEqual(['三会一课制度', '党费交纳标准'].sort());
    expect(titles(await search(memberA, `tag=${encodeURIComponent('党史')}`))).toEqual(['红船精神']);
    expect(titles(await search(memberA, `q=${encodeURIComponent('党费')}&unitId=${branchA.id}`))).toEqual(['第一支部学习计划']);
    expect((await search(memberA, 'kind=video')).total).toBe(0);
    expect((await search(memberA, 'to=2000-01-01')).total).toBe(0);
    expect((await search(memberA, 'from=2000-01-01')).total).toBeGreaterThanOrEqual(4);
  });
});

describe('who sees what', () => {
  it('shows a resource scoped to a branch only inside that branch, and drafts only to managers', async () => {
    expect(titles(await search(memberA, `q=${encodeURIComponent('学习计划')}`))).toEqual(['第一支部学习计划']);
    expect((await search(memberB, `q=${encodeURIComponent('学习计划')}`)).total).toBe(0);
    expect((await memberB.get(`/api/library/resources/${ids.branchOnly}`)).statusCode).toBe(404);
    expect((await memberA.get(`/api/library/resources/${ids.draft}`)).statusCode).toBe(404);
    expect(titles(await search(manager, 'status=draft'))).toEqual(['尚未发布的党费说明']);
    const d = (await manager.get(`/api/library/resources/${ids.draft}`)).json<{ abilities: { edit: boolean }; status: string }>();
    expect(d).toMatchObject({ status: 'draft', abilities: { edit: true } });
  });

  it('lets members read but not manage: 403 for a member, 404 for another tenant', async () => {
    expect((await memberA.post(`/api/library/resources/${ids.dues}/unpublish`)).statusCode).toBe(403);
    expect((await otherManager.post(`/api/library/resources/${ids.dues}/unpublish`)).statusCode).toBe(404);
    expect((await other.get(`/api/library/resources/${ids.dues}`)).statusCode).toBe(404);
    expect((await search(other, `q=${encodeURIComponent('党费')}`)).total).toBe(0);
  });

  it('shares with the whole platform: other tenants find and read it, cannot change it; unsharing hides it again', async () => {
    expect((await manager.put(`/api/library/resources/${ids.history}/sharing`, { shared: true })).statusCode).toBe(200);
    const found = await search(other, `q=${encodeURIComponent('红船')}`);
    expect(found.items.map((i) => [i.title, i.fromOtherTenant])).toEqual([['红船精神', true]]);
    expect((await search(other, 'q=hongchuan')).total).toBe(1);
    const view = (await other.get(`/api/library/resources/${ids.history}`)).json<{ fromOtherTenant: boolean; abilities: { edit: boolean } }>();
    expect(view).toMatchObject({ fromOtherTenant: true, abilities: { edit: false } });

    const before = await rowCounts(t.database, WRITE_TABLES);
    for (const call of [
      () => otherManager.put(`/api/library/resources/${ids.history}/sharing`, { shared: false }),
      () => otherManager.post(`/api/library/resources/${ids.history}/unpublish`),
      () => otherManager.delete(`/api/library/resources/${ids.history}`),
      () => otherManager.patch(`/api/library/resources/${ids.history}`, { ...articleBody({ title: '篡改', body: '篡改' }), kind: undefined, version: 1 }),
    ]) expect((await call()).statusCode).toBe(404);
    expect(await rowCounts(t.database, WRITE_TABLES)).toEqual(before);

    // Unpublished, a shared resource is no longer readable elsewhere.
    await manager.post(`/api/library/resources/${ids.history}/unpublish`);
    expect((await search(other, `q=${encodeURIComponent('红船')}`)).total).toBe(0);
    await manager.post(`/api/library/resources/${ids.history}/publish`);
    expect((await search(other, `q=${encodeURIComponent('红船')}`)).total).toBe(1);
    await manager.put(`/api/library/resources/${ids.history}/sharing`, { shared: false });
    expect((await other.get(`/api/library/resources/${ids.history}`)).statusCode).toBe(404);
  });
});

describe('editing', () => {
  it('sanitizes article HTML on the server', async () => {
    const r = await manager.post('/api/library/resources', { ...articleBody({ title: '安全测试', body: 'x' }), bodyHtml: '<h1>标题</h1><p onclick="alert(1)">正文<script>alert(2)</script><a href="javascript:alert(3)">链接</a><a href="https://www.12371.cn">共产党员网</a></p><iframe src="x"></iframe>' });
    expect(r.statusCode, r.body).toBe(200);
    const d = (await manager.get(`/api/library/resources/${r.json<{ id: string }>().id}`)).json<{ bodyHtml: string }>();
    expect(d.bodyHtml).toBe('<h2>标题</h2><p>正文<a rel="noopener noreferrer" target="_blank">链接</a><a href="https://www.12371.cn" rel="noopener noreferrer" target="_blank">共产党员网</a></p>');
  });

  it('reindexes on edit, refuses a stale version (409) and bad input naming the field, writing nothing', async () => {
    const id = await publishArticle(manager, { title: '临时文章', body: '关于主题党日的安排' });
    expect(titles(await search(memberA, `q=${encodeURIComponent('主题党日')}`))).toContain('临时文章');
    const ok = await manager.patch(`/api/library/resources/${id}`, { ...articleBody({ title: '临时文章', body: '关于民主评议的安排' }), kind: undefined, version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(titles(await search(memberA, `q=${encodeURIComponent('主题党日')}`))).not.toContain('临时文章');
    expect(titles(await search(memberA, `q=${encodeURIComponent('民主评议')}`))).toContain('临时文章');

    const before = await rowCounts(t.database, WRITE_TABLES);
    const stale = await manager.patch(`/api/library/resources/${id}`, { ...articleBody({ title: '临时文章', body: '旧版本' }), kind: undefined, version: 1 });
    expect(stale.statusCode).toBe(409);
    const empty = await manager.post('/api/library/resources', { ...articleBody({ title: '空文章', body: 'x' }), bodyHtml: '<script>only</script>' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ field: 'bodyHtml' });
    const noFile = await manager.post('/api/library/resources', { ...articleBody({ title: '视频', body: 'x' }), kind: 'video', bodyHtml: undefined });
    expect(noFile.json()).toMatchObject({ field: 'fileId' });
    const scope = await memberA.post('/api/library/resources', articleBody({ title: '越权', body: 'x' }));
    expect(scope.statusCode).toBe(403);
    expect(await rowCounts(t.database, WRITE_TABLES)).toEqual(before);
  });

  it('indexes a long body after answering, then finds it', async () => {
    const long = `${'坚持不忘初心、牢记使命，推动全面从严治党向纵深发展。'.repeat(2500)}\n结尾处提到了特色词语青年突击队。`;
    const r = await manager.post('/api/library/resources', articleBody({ title: '长篇学习材料', body: long }));
    expect(r.statusCode, r.body).toBe(200);
    const id = r.json<{ id: string }>().id;
    await libraryIndexers.get(t.app)!.settled(id);
    await manager.post(`/api/library/resources/${id}/publish`);
    expect((await manager.get(`/api/library/resources/${id}`)).json<{ indexing: boolean }>().indexing).toBe(false);
    expect(titles(await search(memberA, `q=${encodeURIComponent('青年突击队')}`))).toEqual(['长篇学习材料']);
  });
});

describe('files', () => {
  it('uploads a video checked by content, attaches it, and streams it with ranges to readers (and shared tenants)', async () => {
    const wrong = await uploadFile(manager, SAMPLE.exe, '党课.mp4', 'video/mp4');
    expect(wrong.statusCode).toBe(415);
    expect((await uploadFile(memberA, SAMPLE.mp4, 'a.mp4')).statusCode).toBe(403);
    const up = await uploadFile(manager, SAMPLE.mp4, '微党课：红船精神.mp4', 'video/mp4');
    expect(up.statusCode, up.body).toBe(200);
    const file = up.json<{ id: string; kind: string; contentType: string }>();
    expect(file).toMatchObject({ kind: 'video', contentType: 'video/mp4' });
    const asPdf = await manager.post('/api/library/resources', { ...articleBody({ title: '错配', body: 'x' }), kind: 'pdf', bodyHtml: undefined, fileId: file.id });
    expect(asPdf.json()).toMatchObject({ field: 'fileId' });
    const res = await manager.post('/api/library/resources', { ...articleBody({ title: '微党课：红船精神', body: 'x', summary: '讲述红船精神的微党课视频' }), kind: 'video', bodyHtml: undefined, fileId: file.id });
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json<{ id: string }>().id;
    await manager.post(`/api/library/resources/${id}/publish`);

    const d = (await memberA.get(`/api/library/resources/${id}`)).json<{ file: { url: string; contentType: string; size: number } }>();
    expect(d.file).toMatchObject({ contentType: 'video/mp4', size: SAMPLE.mp4.length });
    const part = await memberA.get(d.file.url, { range: 'bytes=4-11' });
    expect(part.statusCode).toBe(206);
    expect(part.body).toBe('ftypisom');
    expect(part.headers['accept-ranges']).toBe('bytes');
    expect((await other.get(d.file.url)).statusCode).toBe(404);
    await manager.put(`/api/library/resources/${id}/sharing`, { shared: true });
    const shared = await other.get(d.file.url, { range: 'bytes=0-3' });
    expect(shared.statusCode).toBe(206);
    expect(titles(await search(memberA, `q=${encodeURIComponent('微党课')}&kind=video`))).toEqual(['微党课：红船精神']);
  });
});
