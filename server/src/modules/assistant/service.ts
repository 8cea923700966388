import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import type { Actor } from '../../platform/access/actor.js';
import type { FieldCipher } from '../../platform/crypto/fields.js';
import { AppError, notFound, type Msg } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { queryLexemes } from '../../platform/search/lexemes.js';
import { retrievePassages } from '../library/search.js';
import { answerable, extractiveAnswer, modelAnswer, modelPrompt, type Answer } from './compose.js';
import type { ChatClient } from './chat-client.js';
import { endpointOf, tenantAssistantSettings } from './settings.js';

const CONVERSATION: Msg = { zh: '对话', en: 'Conversation' };

export interface AssistantDeps { db: Kysely<DB>; cipher: FieldCipher; chat: ChatClient }

const hourOf = (d: Date) => new Date(Math.floor(d.getTime() / 3_600_000) * 3_600_000);

/**
 * Answers a question from the library: retrieve passages the asker may read, keep those that cover the question,
 * then quote them (offline) or, when the tenant configured a model, let the model write the answer from them only —
 * an answer that cites none of them is replaced by the quotes. The question and answer are kept in the asker's
 * conversation (only the asker can read it: migration 0042). Rate-limited per user and hour (tenant setting).
 */
export async function ask(deps: AssistantDeps, actor: Actor, input: { question: string; conversationId?: string | undefined }, lang: 'zh' | 'en') {
  const ctx = txContext(actor);
  const question = input.question.trim();
  const words = queryLexemes(question);
  // Retrieval and the limit first, in one short transaction; the model (seconds) is called outside any transaction.
  const { passages, settings } = await withTenant(deps.db, ctx, async (tx) => {
    const s = await tenantAssistantSettings(tx, actor.tenantId);
    const hour = hourOf(new Date());
    const used = await tx.insertInto('assistant_usage').values({ tenant_id: ctx.tenantId, user_id: actor.userId, hour, questions: 1 })
      .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'hour']).doUpdateSet({ questions: sql`assistant_usage.questions + 1` }))
      .returning('questions').executeTakeFirstOrThrow();
    if (used.questions > s.questionsPerHour) {
      throw new AppError(429, 'rate_limited', { zh: `提问太频繁：每小时最多 ${s.questionsPerHour} 个问题，请稍后再问`, en: `Too many questions: at most ${s.questionsPerHour} an hour; please ask again later` });
    }
    await tx.deleteFrom('assistant_usage').where('user_id', '=', actor.userId).where('hour', '<', new Date(hour.getTime() - 86_400_000)).execute();
    if (input.conversationId) {
      const c = await tx.selectFrom('assistant_conversations').select('id').where('id', '=', input.conversationId).executeTakeFirst();
      if (!c) throw notFound(CONVERSATION);
    }
    return { passages: answerable(await retrievePassages(tx, actor, words, 8), words), settings: s };
  });

  let answer: Answer = extractiveAnswer(passages, words, lang);
  const endpoint = passages.length > 0 ? endpointOf(settings, deps.cipher) : null;
  if (endpoint) {
    try {
      answer = modelAnswer(await deps.chat.complete(endpoint, modelPrompt(question, passages)), passages, words) ?? answer;
    } catch (err) {
      // The model being down is not the user's problem: the quotes still answer.
      console.warn('assistant: model endpoint failed, answering with quotes', (err as Error).message);
    }
  }

  return withTenant(deps.db, ctx, async (tx) => {
    let conversationId = input.conversationId;
    const now = new Date();
    if (conversationId) {
      await tx.updateTable('assistant_conversations').set({ updated_at: now }).where('id', '=', conversationId).execute();
    } else {
      conversationId = randomUUID();
      await tx.insertInto('assistant_conversations').values({ id: conversationId, tenant_id: ctx.tenantId, user_id: actor.userId, title: [...question].slice(0, 40).join(''), updated_at: now }).execute();
    }
    const q = { id: randomUUID(), tenant_id: ctx.tenantId, user_id: actor.userId, conversation_id: conversationId, role: 'user' as const, text: question, mode: 'question' as const, citations: '[]' };
    const a = { id: randomUUID(), tenant_id: ctx.tenantId, user_id: actor.userId, conversation_id: conversationId, role: 'assistant' as const, text: answer.text, mode: answer.mode, citations: JSON.stringify(answer.citations), created_at: new Date(now.getTime() + 1) };
    await tx.insertInto('assistant_messages').values([{ ...q, created_at: now }, a]).execute();
    // The audit record says a question was asked and how it was answered; never what was asked.
    await auditAs(tx, ctx, { action: 'assistant.ask', objectType: 'assistant_conversation', objectId: conversationId, detail: { mode: answer.mode, citations: answer.citations.length } });
    return { conversationId, question: { id: q.id, text: question }, answer: { id: a.id, text: answer.text, mode: answer.mode, citations: answer.citations } };
  });
}

export async function listConversations(db: Kysely<DB>, actor: Actor) {
  return withTenant(db, txContext(actor), async (tx) => {
    const rows = await tx.selectFrom('assistant_conversations').select(['id', 'title', 'updated_at']).where('user_id', '=', actor.userId).orderBy('updated_at', 'desc').limit(100).execute();
    return { items: rows.map((r) => ({ id: r.id, title: r.title, updatedAt: r.updated_at.toISOString() })) };
  });
}

export async function getConversation(db: Kysely<DB>, actor: Actor, id: string) {
  return withTenant(db, txContext(actor), async (tx) => {
    const c = await tx.selectFrom('assistant_conversations').select(['id', 'title']).where('id', '=', id).where('user_id', '=', actor.userId).executeTakeFirst();
    if (!c) throw notFound(CONVERSATION);
    const msgs = await tx.selectFrom('assistant_messages').select(['id', 'role', 'text', 'mode', 'citations', 'created_at']).where('conversation_id', '=', id).orderBy('created_at').orderBy('id').execute();
    return { id: c.id, title: c.title, messages: msgs.map((m) => ({ id: m.id, role: m.role, text: m.text, mode: m.mode, citations: m.citations, createdAt: m.created_at.toISOString() })) };
  });
}

export async function deleteConversation(db: Kysely<DB>, actor: Actor, id: string) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const d = await tx.deleteFrom('assistant_conversations').where('id', '=', id).where('user_id', '=', actor.userId).executeTakeFirst();
    if (Number(d.numDeletedRows) === 0) throw notFound(CONVERSATION);
    await auditAs(tx, ctx, { action: 'assistant.delete_conversation', objectType: 'assistant_conversation', objectId: id });
    return { ok: true as const };
  });
}
