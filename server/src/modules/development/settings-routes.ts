/** HTTP for the §2 rule settings (规则设置): read with development.manage, change at the top of the tenant (org.manage). */
import { Type } from '@sinclair/typebox';
import { actorOf, type App } from '../../platform/http/app.js';
import { Obj } from '../../platform/http/schema.js';
import type { DevelopmentSettings } from '../members/rules.js';
import { DEVELOPMENT_SETTING_BOUNDS as B, DEVELOPMENT_SETTING_KEYS, getDevelopmentSettings, updateDevelopmentSettings } from './settings.js';

const tags = ['development'];
const Body = Obj(Object.fromEntries(DEVELOPMENT_SETTING_KEYS.map((k) => [k, Type.Integer(B[k])])) as Record<keyof DevelopmentSettings, ReturnType<typeof Type.Integer>>);
const Plain = Type.Object(Object.fromEntries(DEVELOPMENT_SETTING_KEYS.map((k) => [k, Type.Integer()])) as Record<keyof DevelopmentSettings, ReturnType<typeof Type.Integer>>);
const Bound = Type.Object({ minimum: Type.Integer(), maximum: Type.Integer() });
const Reply = Type.Object({
  settings: Plain,
  defaults: Plain,
  bounds: Type.Object(Object.fromEntries(DEVELOPMENT_SETTING_KEYS.map((k) => [k, Bound])) as Record<keyof DevelopmentSettings, typeof Bound>),
  canEdit: Type.Boolean(),
});

export async function developmentSettingsRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;

  app.get('/api/development/settings', {
    config: { permission: 'development.manage' },
    schema: { tags, summary: '发展党员规则设置（公示天数、期限等；含默认值和允许范围）', response: { 200: Reply } },
  }, async (req) => getDevelopmentSettings(db, actorOf(req)));

  app.put('/api/development/settings', {
    config: { permission: 'org.manage' },
    schema: { tags, summary: '修改发展党员规则设置（最高一级党组织的管理员，在规定允许的范围内）', body: Body, response: { 200: Reply } },
  }, async (req) => updateDevelopmentSettings(db, actorOf(req), req.body));
}
