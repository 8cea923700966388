/** Kysely types of the notification tables (listed in platform/db/schema.ts `DB`); migration 0031_notifications.sql. */
import type { Generated } from 'kysely';

export interface NotificationsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  kind: string;
  title: string;
  body: Generated<string>;
  link: string | null;
  dedupe_key: string | null;
  created_at: Generated<Date>;
  read_at: Date | null;
}

export interface NotificationContactsTable {
  tenant_id: string;
  user_id: string;
  email_enc: string | null;
  email_enabled: Generated<boolean>;
  updated_at: Generated<Date>;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'skipped';

export interface EmailOutboxTable {
  id: string;
  tenant_id: string;
  notification_id: string;
  user_id: string;
  subject: string;
  body: string;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: Generated<Date>;
  created_at: Generated<Date>;
  sent_at: Date | null;
}

export interface NotifyTables {
  notifications: NotificationsTable;
  notification_contacts: NotificationContactsTable;
  email_outbox: EmailOutboxTable;
}
