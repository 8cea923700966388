// The Q&A assistant (智能党课助手, issue 6): answers from the library with quotes and links to their passages; says
// plainly when the library has no answer (coverage threshold); with a configured OpenAI-compatible endpoint the model
// writes the answer from the passages only, and an answer citing nothing is replaced by the quotes; the key is
// encrypted and never read back; questions are rate-limited per user; conversations are the asker's alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwner, rowCounts, WRITE_TABLES } from '../../testing/db.js';
import { testApp, type TestApp } from '../../testing/app.js';
import { loginActive, makeTenant, makeUnit, makeUser, type Agent, type TestTenant, type TestUnit } from '../../testing/factories.js';
import { startFakeOpenAI, type FakeOpenAI } from '../../testing/fake-openai.js';
import { publishArticle } from '../library/testing.js';

let t: TestApp;
let tenant: TestTenant;
let root: TestUnit;
let manager: Agent;
let admin: Agent;
let alice: Agent;
let bob: Agent;
let fake: FakeOpenAI;
const ids: Record<string, string> = {};

interface AskResult { conversationId: string; answer: { text: string; mode: string; citations: { n: number; passageId: string; resourceId: string; title: string; quote: string }[] } }
const ask = async (a: Agent, question: string, conversationId?: string) => {
  const r = await a.post('/api/assistant/ask', { question, ...(conversationId ? { conversationId } : {}) });
  expect(r.statusCode, r.body).toBe(200);
  return r.json<AskResult>();
};
const settings = (a: Agent, body: Record<string, unknown>) => a.put('/api/assistant/settings', { questionsPerHour: 30, modelEnabled: false, baseUrl: '', model: '', ...body });

beforeAll(async () => {
  t = await testApp();
  fake = await startFakeOpenAI();
  tenant = await makeTenant(t);
  root = await makeUnit(t, tenant.tenantId, { kind: 'committee' });
  manager = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'propaganda_member', orgUnitId: root.id }));
  admin = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'sys_admin' }));
  alice = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'party_member', orgUnitId: root.id }));
  bob = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'party_member', orgUnitId: root.id }));
  ids.dues = await publishArticle(manager, {
    title: '党费交纳标准（摘录）', category: 'regulation', source: '《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）',
    body: '交纳党费是党员应尽的义务。\n在职党员以每月工资收入（税后）为计算基数。月工资收入在3000元以下（含3000元）者，交纳月工资收入的0.5%；3000元以上至5000元（含5000元）者，交纳1%；5000元以上至10000元（含10000元）者，交纳1.5%；10000元以上者，交纳2%。',
  });
  ids.meetings = await publishArticle(manager, {
    title: '三会一课（摘录）', category: 'regulation', source: '《中国共产党支部工作条例（试行）》',
    body: '党支部应当组织党员按期参加党员大会、党小组会和上党课，定期召开支部委员会会议。党员大会一般每季度召开1次，支部委员会会议一般每月召开1次，党小组会一般每月召开1次。党课一般每季度至少1次。',
  });
});

afterAll(async () => {
  await t?.close();
  await fake?.close();
});

describe('offline answers (retrieval and quotes)', () => {
  it('quotes the passage that answers, with a citation that opens it', async () => {
    const r = await ask(alice, '党员每月工资5000元交多少党费？');
    expect(r.answer.mode).toBe('extractive');
    expect(r.answer.text.startsWith('根据资料库中的内容：')).toBe(true);
    expect(r.answer.text).toContain('[1]');
    const c = r.answer.citations[0]!;
    expect(c).toMatchObject({ n: 1, resourceId: ids.dues, title: '党费交纳标准（摘录）' });
    expect(c.quote).toContain('党费');
    const opened = await alice.get(`/api/library/resources/${c.resourceId}?passage=${c.passageId}`);
    expect(opened.json<{ passage: { text: string } }>().passage.text).toContain('计算基数');
  });

  it('says plainly when the library has no answer, and cites nothing', async () => {
    const none = await ask(alice, '火星上的天气怎么样？');
    expect(none.answer).toMatchObject({ mode: 'none', citations: [] });
    expect(none.answer.text).toContain('资料库中没有找到');
    // One word of four in the library is below the threshold: no loose quote.
    const loose = await ask(alice, '党课用什么颜色的粉笔和黑板擦？');
    expect(loose.answer.mode).toBe('none');
  });
});

describe('conversations', () => {
  it('keeps the conversation for its asker only, who may delete it', async () => {
    const first = await ask(alice, '三会一课多久开一次？');
    expect(first.answer.citations[0]?.resourceId).toBe(ids.meetings);
    await ask(alice, '党员大会呢？', first.conversationId);
    const conv = (await alice.get(`/api/assistant/conversations/${first.conversationId}`)).json<{ messages: { role: string; text: string }[] }>();
    expect(conv.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(conv.messages[0]!.text).toBe('三会一课多久开一次？');
    expect((await bob.get(`/api/assistant/conversations/${first.conversationId}`)).statusCode).toBe(404);
    expect((await bob.post('/api/assistant/ask', { question: '三会一课', conversationId: first.conversationId })).statusCode).toBe(404);
    expect((await bob.delete(`/api/assistant/conversations/${first.conversationId}`)).statusCode).toBe(404);
    expect((await bob.get('/api/assistant/conversations')).json<{ items: unknown[] }>().items).toEqual([]);
    // The audit log says a question was asked, never what.
    const audit = await asOwner(t.database, (tx) => tx.selectFrom('audit_log').select(['detail']).where('tenant_id', '=', tenant.tenantId).where('action', '=', 'assistant.ask').execute());
    expect(JSON.stringify(audit)).not.toContain('三会一课');
    expect((await alice.delete(`/api/assistant/conversations/${first.conversationId}`)).statusCode).toBe(200);
    expect((await alice.get(`/api/assistant/conversations/${first.conversationId}`)).statusCode).toBe(404);
    const left = await asOwner(t.database, (tx) => tx.selectFrom('assistant_messages').select('id').where('conversation_id', '=', first.conversationId).execute());
    expect(left).toEqual([]);
  });
});

describe('a configured model endpoint (OpenAI-compatible, local fake)', () => {
  it('stores the key encrypted, never shows it, and needs a complete endpoint to enable', async () => {
    const before = await rowCounts(t.database, WRITE_TABLES);
    const bad = await settings(admin, { modelEnabled: true, baseUrl: fake.baseUrl, model: 'qwen2.5-7b-instruct' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'apiKey' });
    expect((await settings(admin, { baseUrl: 'ftp://x' })).json()).toMatchObject({ field: 'baseUrl' });
    expect((await settings(alice, {})).statusCode).toBe(403);
    expect(await rowCounts(t.database, WRITE_TABLES)).toEqual(before);

    const ok = await settings(admin, { modelEnabled: true, baseUrl: fake.baseUrl, model: 'qwen2.5-7b-instruct', apiKey: fake.apiKey });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ questionsPerHour: 30, modelEnabled: true, baseUrl: fake.baseUrl, model: 'qwen2.5-7b-instruct', apiKeySet: true });
    const stored = await asOwner(t.database, (tx) => tx.selectFrom('tenants').select('settings').where('id', '=', tenant.tenantId).executeTakeFirstOrThrow());
    expect(JSON.stringify(stored.settings)).not.toContain(fake.apiKey);
    expect(JSON.stringify(stored.settings)).toMatch(/"apiKeyEnc":"aes:v1:/);
    const audit = await asOwner(t.database, (tx) => tx.selectFrom('audit_log').select('detail').where('tenant_id', '=', tenant.tenantId).where('action', '=', 'settings.assistant').execute());
    expect(JSON.stringify(audit)).not.toContain(fake.apiKey);
    // Saving again without a key keeps it.
    expect((await settings(admin, { modelEnabled: true, baseUrl: fake.baseUrl, model: 'qwen2.5-7b-instruct' })).json()).toMatchObject({ apiKeySet: true });
  });

  it('lets the model write from the passages only, mapping its [n] to sources', async () => {
    fake.reply = (req) => (req.messages[0]!.content.includes('党费交纳标准') ? '按规定，月工资5000元的在职党员按1%交纳党费，即每月50元[1]。' : '资料库中没有相关内容');
    const r = await ask(alice, '党员每月工资5000元交多少党费？');
    expect(r.answer).toMatchObject({ mode: 'model', text: '按规定，月工资5000元的在职党员按1%交纳党费，即每月50元[1]。' });
    expect(r.answer.citations.map((c) => c.resourceId)).toEqual([ids.dues]);
    const sent = fake.requests.at(-1)!;
    expect(sent.model).toBe('qwen2.5-7b-instruct');
    expect(sent.messages[0]!.content).toContain('只能依据下面编号的资料回答');
    expect(sent.messages[1]).toEqual({ role: 'user', content: '党员每月工资5000元交多少党费？' });
  });

  it('replaces an answer that cites nothing (or only numbers never given) with the quotes; a failing endpoint too', async () => {
    fake.reply = () => '每月交50元。';
    expect((await ask(alice, '党员每月工资5000元交多少党费？')).answer.mode).toBe('extractive');
    fake.reply = () => '每月交50元[7]。';
    expect((await ask(alice, '党员每月工资5000元交多少党费？')).answer.mode).toBe('extractive');
    fake.reply = () => 500;
    expect((await ask(alice, '党员每月工资5000元交多少党费？')).answer.mode).toBe('extractive');
    // No passage, no model call.
    const calls = fake.requests.length;
    expect((await ask(alice, '火星上的天气怎么样？')).answer.mode).toBe('none');
    expect(fake.requests.length).toBe(calls);
  });
});

describe('rate limit', () => {
  it('refuses questions past the hourly limit per user (429), writing nothing', async () => {
    expect((await settings(admin, { questionsPerHour: 2 })).statusCode).toBe(200);
    const carol = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'party_member', orgUnitId: root.id }));
    await ask(carol, '三会一课');
    await ask(carol, '三会一课');
    const before = await rowCounts(t.database, WRITE_TABLES);
    const third = await carol.post('/api/assistant/ask', { question: '三会一课' });
    expect(third.statusCode).toBe(429);
    expect(third.json<{ message: string }>().message).toContain('每小时最多 2 个问题');
    expect(await rowCounts(t.database, WRITE_TABLES)).toEqual(before);
    await settings(admin, { questionsPerHour: 30 });
  });
});
