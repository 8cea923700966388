import { Type } from '@sinclair/typebox';
import { actorOf, type App } from '../../platform/http/app.js';
import { IdParams, Nullable, Obj, PageQuery, Paged, Str, Uuid } from '../../platform/http/schema.js';
import { createUnit, getUnit, listChildren, listMembers, renameUnit } from './service.js';
import { orgManageRoutes } from './manage-routes.js';

const tags = ['org'];
const Kind = Type.Union([Type.Literal('group_committee'), Type.Literal('committee'), Type.Literal('general_branch'), Type.Literal('branch'), Type.Literal('party_group')]);
const UnitDetail = Type.Object({
  id: Type.String(), name: Type.String(), kind: Kind, parentId: Nullable(Type.String()),
  path: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  memberCount: Type.Integer(), subtreeMemberCount: Type.Integer(),
  abilities: Type.Object({
    createChild: Type.Boolean(), rename: Type.Boolean(), manageMembers: Type.Boolean(), readMembers: Type.Boolean(), childKinds: Type.Array(Kind),
    move: Type.Boolean(), merge: Type.Boolean(), dissolve: Type.Boolean(), manageLeadership: Type.Boolean(), overrideRules: Type.Boolean(),
  }),
});
const Member = Type.Object({
  id: Type.String(), name: Type.String(), gender: Type.Union([Type.Literal('male'), Type.Literal('female')]), birthDate: Nullable(Type.String()),
  ethnicity: Type.String(), education: Nullable(Type.String()), jobTitle: Nullable(Type.String()),
  partyStatus: Type.Union([Type.Literal('none'), Type.Literal('applicant'), Type.Literal('activist'), Type.Literal('candidate'), Type.Literal('probationary'), Type.Literal('full')]), orgUnitName: Type.String(),
});
const UnitName = Str(1, 100);

export async function orgRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;

  app.get('/api/org/tree', {
    config: { permission: 'org.read' },
    schema: { tags, summary: '组织树（逐级加载）', querystring: Obj({ parentId: Type.Optional(Uuid) }), response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), kind: Kind, parentId: Nullable(Type.String()), hasChildren: Type.Boolean(), memberCount: Type.Integer() })) }) } },
  }, async (req) => ({ items: await listChildren(db, actorOf(req), req.query.parentId) }));

  app.get('/api/org/units/:id', {
    config: { permission: 'org.read' },
    schema: { tags, summary: '组织详情（含当前用户可做的操作）', params: IdParams, response: { 200: UnitDetail } },
  }, async (req) => getUnit(db, actorOf(req), req.params.id));

  app.get('/api/org/units/:id/members', {
    config: { permission: 'people.read' },
    schema: { tags, summary: '组织人员（分页，可含下级）', params: IdParams, querystring: Obj({ ...PageQuery, q: Type.Optional(Str(0, 50)), subtree: Type.Optional(Type.Boolean()) }), response: { 200: Paged(Member) } },
  }, async (req) => ({ ...(await listMembers(db, actorOf(req), req.params.id, req.query)), page: req.query.page, pageSize: req.query.pageSize }));

  app.post('/api/org/units', {
    config: { permission: 'org.manage' },
    schema: { tags, summary: '新建下级组织', body: Obj({ parentId: Uuid, name: UnitName, kind: Kind }), response: { 200: UnitDetail } },
  }, async (req) => {
    const actor = actorOf(req);
    return getUnit(db, actor, await createUnit(db, actor, req.body));
  });

  app.patch('/api/org/units/:id', {
    config: { permission: 'org.manage' },
    schema: { tags, summary: '重命名组织', params: IdParams, body: Obj({ name: UnitName }), response: { 200: UnitDetail } },
  }, async (req) => {
    const actor = actorOf(req);
    await renameUnit(db, actor, req.params.id, req.body.name);
    return getUnit(db, actor, req.params.id);
  });

  await orgManageRoutes(app);
}
