/** Kysely types of the assistant's tables (listed in platform/db/schema.ts `DB`); migration 0042_assistant.sql. */
import type { ColumnType, Generated } from 'kysely';
import type { Json } from '../../platform/db/schema.js';

export interface Citation { n: number; passageId: string; resourceId: string; title: string; source: string; quote: string }

export interface AssistantConversationsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  title: string;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface AssistantMessagesTable {
  id: string;
  tenant_id: string;
  conversation_id: string;
  role: 'user' | 'assistant';
  text: string;
  /** How an answer was made: quoted passages (extractive), written by the configured model from them, or none found. */
  mode: 'question' | 'extractive' | 'model' | 'none';
  citations: Json<Citation[]>;
  created_at: Generated<Date>;
}

/** Questions asked per user and hour, for the rate limit only (no content; rows older than a day are dropped). */
export interface AssistantUsageTable {
  tenant_id: string;
  user_id: string;
  hour: Date;
  questions: number;
}

export interface AssistantTables {
  assistant_conversations: AssistantConversationsTable;
  assistant_messages: AssistantMessagesTable;
  assistant_usage: AssistantUsageTable;
}
