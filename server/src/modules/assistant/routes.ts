import { Type } from '@sinclair/typebox';
import { actorOf, type App } from '../../platform/http/app.js';
import { langOf } from '../../platform/http/lang.js';
import { IdParams, Obj, Ok, Str, Uuid } from '../../platform/http/schema.js';
import { httpChatClient, type ChatClient } from './chat-client.js';
import { ask, deleteConversation, getConversation, listConversations, type AssistantDeps } from './service.js';
import { getAssistantSettings, updateAssistantSettings } from './settings.js';

const tags = ['assistant'];
const Citation = Type.Object({ n: Type.Integer(), passageId: Type.String(), resourceId: Type.String(), title: Type.String(), source: Type.String(), quote: Type.String() });
const Mode = Type.Union([Type.Literal('question'), Type.Literal('extractive'), Type.Literal('model'), Type.Literal('none')]);
const Settings = Type.Object({ questionsPerHour: Type.Integer(), modelEnabled: Type.Boolean(), baseUrl: Type.String(), model: Type.String(), apiKeySet: Type.Boolean() });

/** The chat client of each app; tests may swap it (the product uses the HTTP client). */
export const assistantChat = new WeakMap<App, ChatClient>();

export async function assistantRoutes(app: App): Promise<void> {
  const deps: AssistantDeps = {
    db: app.deps.database.db, cipher: app.deps.cipher,
    chat: { complete: (endpoint, messages) => (assistantChat.get(app) ?? httpChatClient()).complete(endpoint, messages) },
  };

  app.post('/api/assistant/ask', {
    config: { permission: 'assistant.use' },
    schema: {
      tags, summary: '向智能党课助手提问：从资料库检索段落并引用出处作答；没有依据时明确说明',
      body: Obj({ question: Str(2, 300), conversationId: Type.Optional(Uuid) }),
      response: { 200: Type.Object({ conversationId: Type.String(), question: Type.Object({ id: Type.String(), text: Type.String() }), answer: Type.Object({ id: Type.String(), text: Type.String(), mode: Mode, citations: Type.Array(Citation) }) }) },
    },
  }, async (req) => ask(deps, actorOf(req), req.body, langOf(req) === 'en-US' ? 'en' : 'zh'));

  app.get('/api/assistant/conversations', {
    config: { permission: 'assistant.use' },
    schema: { tags, summary: '我的对话（只有本人可见）', response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), updatedAt: Type.String() })) }) } },
  }, async (req) => listConversations(deps.db, actorOf(req)));

  app.get('/api/assistant/conversations/:id', {
    config: { permission: 'assistant.use' },
    schema: {
      tags, summary: '对话内容', params: IdParams,
      response: { 200: Type.Object({ id: Type.String(), title: Type.String(), messages: Type.Array(Type.Object({ id: Type.String(), role: Type.Union([Type.Literal('user'), Type.Literal('assistant')]), text: Type.String(), mode: Mode, citations: Type.Array(Citation), createdAt: Type.String() })) }) },
    },
  }, async (req) => getConversation(deps.db, actorOf(req), req.params.id));

  app.delete('/api/assistant/conversations/:id', {
    config: { permission: 'assistant.use' },
    schema: { tags, summary: '删除我的对话', params: IdParams, response: { 200: Ok } },
  }, async (req) => deleteConversation(deps.db, actorOf(req), req.params.id));

  app.get('/api/assistant/settings', {
    config: { permission: 'assistant.configure' },
    schema: { tags, summary: '助手设置（密钥只写不读）', response: { 200: Settings } },
  }, async (req) => getAssistantSettings(deps.db, actorOf(req)));

  app.put('/api/assistant/settings', {
    config: { permission: 'assistant.configure' },
    schema: {
      tags, summary: '修改助手设置：每人每小时提问上限、OpenAI 兼容的大模型接口（密钥加密保存；不填则保持原值，空字符串清除）',
      body: Obj({ questionsPerHour: Type.Integer({ minimum: 1, maximum: 1000 }), modelEnabled: Type.Boolean(), baseUrl: Str(0, 300), model: Str(0, 100), apiKey: Type.Optional(Str(0, 300)) }),
      response: { 200: Settings },
    },
  }, async (req) => updateAssistantSettings(deps.db, app.deps.cipher, actorOf(req), req.body));
}
