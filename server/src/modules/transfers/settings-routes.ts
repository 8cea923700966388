/** HTTP for the §3 rule settings (规则设置): read with transfers.manage, change at the top of the tenant (org.manage). */
import { Type } from '@sinclair/typebox';
import { actorOf, type App } from '../../platform/http/app.js';
import { Obj } from '../../platform/http/schema.js';
import { getTransferSettings, TRANSFER_SETTING_BOUNDS as B, updateTransferSettings } from './settings.js';

const tags = ['transfers'];
const Bound = Type.Object({ minimum: Type.Integer(), maximum: Type.Integer() });
const Body = Obj({
  letterValidityDays: Type.Array(Type.Integer(), { minItems: 1, maxItems: 2 }),
  maxValidityMonths: Type.Integer(B.maxValidityMonths),
  formalTransferAwayMonths: Type.Integer(B.formalTransferAwayMonths),
  stubRetentionYears: Type.Integer(B.stubRetentionYears),
});
const Plain = Type.Object({
  letterValidityDays: Type.Array(Type.Integer()), maxValidityMonths: Type.Integer(), formalTransferAwayMonths: Type.Integer(), stubRetentionYears: Type.Integer(),
});
const Reply = Type.Object({
  settings: Plain,
  defaults: Plain,
  bounds: Type.Object({ maxValidityMonths: Bound, formalTransferAwayMonths: Bound, stubRetentionYears: Bound }),
  validityOptions: Type.Array(Type.Integer()),
  canEdit: Type.Boolean(),
});

export async function transferSettingsRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;

  app.get('/api/transfers/settings', {
    config: { permission: 'transfers.manage' },
    schema: { tags, summary: '组织关系转接规则设置（介绍信有效期、存根保存年限等；含默认值和允许范围）', response: { 200: Reply } },
  }, async (req) => getTransferSettings(db, actorOf(req)));

  app.put('/api/transfers/settings', {
    config: { permission: 'org.manage' },
    schema: { tags, summary: '修改组织关系转接规则设置（最高一级党组织的管理员，在规定允许的范围内）', body: Body, response: { 200: Reply } },
  }, async (req) => updateTransferSettings(db, actorOf(req), req.body));
}
