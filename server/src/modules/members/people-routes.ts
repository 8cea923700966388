import { Type, type Static } from '@sinclair/typebox';
import { actorOf, type App } from '../../platform/http/app.js';
import { IdParams, Nullable, Obj, Ok, PageQuery, Paged, Str, Uuid } from '../../platform/http/schema.js';
import { AGE_BANDS, EDUCATION_LEVELS, ETHNICITIES } from './vocabulary.js';
import { archivePerson, createPerson, getPerson, listPeople, revealIdNumber, updatePerson, type Deps } from './people-service.js';
import { exportPeople } from './people-export.js';
import { addHonour, deleteHonour, updateHonour } from './honours.js';
import { exportMyRecord, myRecord } from './my-record.js';
import type { PersonInput } from './person-input.js';

const tags = ['people'];
const L = Type.Literal;
export const PartyStatusSchema = Type.Union([L('none'), L('applicant'), L('activist'), L('candidate'), L('probationary'), L('full')]);
const MembershipSchema = Type.Union([L('normal'), L('mobile'), L('retained')]);
const GenderSchema = Type.Union([L('male'), L('female')]);
const AgeBandSchema = Type.Union(AGE_BANDS.map((b) => L(b.key)));
const ArchivedReasonSchema = Type.Union([L('left'), L('transferred_out'), L('deceased'), L('other')]);
const HonourKind = Type.Union([L('award'), L('punishment')]);
const DateText = Nullable(Str(0, 10));
const Text = (max: number) => Nullable(Str(0, max));

/** The record fields of a form; checked in full by person-input.ts (the schema only bounds sizes and vocabularies of codes). */
const personFields = {
  name: Str(1, 50), gender: GenderSchema, ethnicity: Str(1, 20), birthDate: DateText, idNumber: Text(30), phone: Text(30),
  education: Text(20), jobTitle: Text(100), employeeNo: Text(100), orgUnitId: Uuid, partyStatus: PartyStatusSchema,
  appliedOn: DateText, activistOn: DateText, candidateOn: DateText, partyJoinedOn: DateText, fullOn: DateText,
  membership: MembershipSchema, membershipNote: Text(200),
};
const PersonBody = Obj(personFields);
const PersonPatch = Type.Composite([Type.Partial(Type.Object(personFields)), Type.Object({ version: Type.Integer({ minimum: 1 }) })], { additionalProperties: false });

const ListQuery = Obj({
  ...PageQuery,
  unitId: Type.Optional(Uuid), subtree: Type.Optional(Type.Boolean()), q: Type.Optional(Str(0, 50)),
  status: Type.Optional(Type.Array(PartyStatusSchema, { maxItems: 6 })), membership: Type.Optional(MembershipSchema),
  ageBand: Type.Optional(AgeBandSchema), education: Type.Optional(Str(1, 20)), gender: Type.Optional(GenderSchema), archived: Type.Optional(Type.Boolean()),
});
type ListQueryT = Static<typeof ListQuery>;

const ListItem = Type.Object({
  id: Type.String(), name: Type.String(), gender: GenderSchema, birthDate: Nullable(Type.String()), age: Nullable(Type.Integer()),
  ethnicity: Type.String(), education: Nullable(Type.String()), jobTitle: Nullable(Type.String()), employeeNo: Nullable(Type.String()),
  partyStatus: PartyStatusSchema, membership: MembershipSchema, partyJoinedOn: Nullable(Type.String()), fullOn: Nullable(Type.String()),
  orgUnitId: Type.String(), orgUnitName: Type.String(), idNumberMasked: Nullable(Type.String()), archived: Type.Boolean(), transferringOut: Type.Boolean(),
});
const PeoplePage = Type.Composite([Paged(ListItem), Type.Object({ totalCapped: Type.Boolean() })]);

const Honour = Type.Object({ id: Type.String(), kind: HonourKind, title: Type.String(), decidedOn: Type.String(), issuer: Type.String(), note: Type.String() });
const HonourBody = Obj({ kind: HonourKind, title: Str(1, 100), decidedOn: Str(10, 10), issuer: Type.Optional(Str(0, 100)), note: Type.Optional(Str(0, 500)) });
const HistoryItem = Type.Object({ id: Type.String(), at: Type.String(), kind: Type.String(), actorName: Nullable(Type.String()), detail: Type.Record(Type.String(), Type.Unknown()) });

export const PersonRecordSchema = Type.Object({
  id: Type.String(), version: Type.Integer(), name: Type.String(), gender: GenderSchema, ethnicity: Type.String(), birthDate: Nullable(Type.String()),
  age: Nullable(Type.Integer()), idNumberMasked: Nullable(Type.String()), phone: Nullable(Type.String()), education: Nullable(Type.String()),
  jobTitle: Nullable(Type.String()), employeeNo: Nullable(Type.String()), orgUnitId: Type.String(), orgUnitName: Type.String(),
  orgUnitPath: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  partyStatus: PartyStatusSchema, appliedOn: Nullable(Type.String()), activistOn: Nullable(Type.String()), candidateOn: Nullable(Type.String()),
  partyJoinedOn: Nullable(Type.String()), fullOn: Nullable(Type.String()), partyAgeYears: Nullable(Type.Integer()), probationEndsOn: Nullable(Type.String()),
  membership: MembershipSchema, membershipNote: Nullable(Type.String()), transferringOut: Type.Boolean(), archivedAt: Nullable(Type.String()), archivedReason: Nullable(ArchivedReasonSchema),
  updatedAt: Type.String(), honours: Type.Array(Honour), history: Type.Array(HistoryItem),
  abilities: Type.Object({ edit: Type.Boolean(), archive: Type.Boolean(), revealId: Type.Boolean(), manageHonours: Type.Boolean() }),
});

function filterOf(q: Omit<ListQueryT, 'page' | 'pageSize'>) {
  return { unitId: q.unitId, subtree: q.subtree, q: q.q, status: q.status, membership: q.membership, ageBand: q.ageBand, education: q.education, gender: q.gender, archived: q.archived };
}

/** An ASCII name for old clients, the Chinese one (RFC 5987) for the rest. */
function xlsxName(ascii: string, zh: string): string {
  return `attachment; filename="${ascii}.xlsx"; filename*=UTF-8''${encodeURIComponent(zh)}.xlsx`;
}
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function peopleRoutes(app: App): Promise<void> {
  const d: Deps = { db: app.deps.database.db, cipher: app.deps.cipher };

  app.get('/api/people', {
    config: { permission: 'people.read' },
    schema: { tags, summary: '人员与党员（按组织、姓名/拼音/首字母/身份证号、政治面貌、年龄段等筛选，分页）', querystring: ListQuery, response: { 200: PeoplePage } },
  }, async (req) => listPeople(d, actorOf(req), filterOf(req.query), req.query));

  // The form's and filters' vocabularies come from the server, the one place they are defined (vocabulary.ts).
  app.get('/api/people/vocabulary', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '人员信息的可选值（民族、学历、年龄段）', response: { 200: Type.Object({ ethnicities: Type.Array(Type.String()), educationLevels: Type.Array(Type.String()), ageBands: Type.Array(Type.Object({ key: Type.String(), zh: Type.String(), en: Type.String() })) }) } },
  }, async () => ({ ethnicities: [...ETHNICITIES], educationLevels: [...EDUCATION_LEVELS], ageBands: AGE_BANDS.map((b) => ({ key: b.key, zh: b.zh, en: b.en })) }));

  app.get('/api/people/export.xlsx', {
    config: { permission: 'people.read' },
    schema: { tags, summary: '导出筛选后的人员名单（.xlsx；身份证号默认遮蔽）', querystring: Obj({ ...ListQuery.properties, page: Type.Optional(Type.Integer()), pageSize: Type.Optional(Type.Integer()), fullId: Type.Optional(Type.Boolean()) }) },
  }, async (req, reply) => {
    const { fullId, page: _p, pageSize: _s, ...rest } = req.query;
    const { file } = await exportPeople(d, actorOf(req), filterOf(rest), fullId === true);
    return reply.header('content-type', XLSX).header('content-disposition', xlsxName(`people-${new Date().toISOString().slice(0, 10)}`, `人员名单-${new Date().toISOString().slice(0, 10)}`)).send(file);
  });

  app.get('/api/people/:id', {
    config: { permission: 'people.read' },
    schema: { tags, summary: '人员档案（基本信息、党员信息、奖惩、变更记录、可做的操作）', params: IdParams, response: { 200: PersonRecordSchema } },
  }, async (req) => getPerson(d, actorOf(req), req.params.id));

  app.post('/api/people', {
    config: { permission: 'people.manage' },
    schema: { tags, summary: '新建人员（可录入已有党员的历史信息）', body: PersonBody, response: { 200: PersonRecordSchema } },
  }, async (req) => {
    const actor = actorOf(req);
    return getPerson(d, actor, await createPerson(d, actor, req.body as PersonInput));
  });

  app.patch('/api/people/:id', {
    config: { permission: 'people.manage' },
    schema: { tags, summary: '修改人员信息（需带上读取时的 version）', params: IdParams, body: PersonPatch, response: { 200: PersonRecordSchema } },
  }, async (req) => {
    const actor = actorOf(req);
    await updatePerson(d, actor, req.params.id, req.body as Partial<PersonInput> & { version: number });
    return getPerson(d, actor, req.params.id);
  });

  app.post('/api/people/:id/archive', {
    config: { permission: 'people.manage' },
    schema: { tags, summary: '人员归档（离职、转出、去世等；不删除）', params: IdParams, body: Obj({ reason: ArchivedReasonSchema, note: Type.Optional(Str(0, 200)), version: Type.Integer({ minimum: 1 }) }), response: { 200: PersonRecordSchema } },
  }, async (req) => {
    const actor = actorOf(req);
    await archivePerson(d, actor, req.params.id, req.body);
    return getPerson(d, actor, req.params.id);
  });

  app.post('/api/people/:id/reveal-id', {
    config: { permission: 'people.manage' },
    schema: { tags, summary: '查看完整身份证号（记入审计）', params: IdParams, response: { 200: Type.Object({ idNumber: Nullable(Type.String()) }) } },
  }, async (req) => revealIdNumber(d, actorOf(req), req.params.id));

  app.post('/api/people/:id/honours', {
    config: { permission: 'people.manage' },
    schema: { tags, summary: '添加奖励或处分', params: IdParams, body: HonourBody, response: { 200: Type.Object({ id: Type.String() }) } },
  }, async (req) => ({ id: await addHonour(d, actorOf(req), req.params.id, { issuer: '', note: '', ...req.body }) }));

  const HonourParams = Obj({ id: Uuid, honourId: Uuid });
  app.put('/api/people/:id/honours/:honourId', {
    config: { permission: 'people.manage' },
    schema: { tags, summary: '修改奖励或处分', params: HonourParams, body: HonourBody, response: { 200: Ok } },
  }, async (req) => {
    await updateHonour(d, actorOf(req), req.params.id, req.params.honourId, { issuer: '', note: '', ...req.body });
    return { ok: true as const };
  });

  app.delete('/api/people/:id/honours/:honourId', {
    config: { permission: 'people.manage' },
    schema: { tags, summary: '删除奖励或处分（变更记录保留）', params: HonourParams, response: { 200: Ok } },
  }, async (req) => {
    await deleteHonour(d, actorOf(req), req.params.id, req.params.honourId);
    return { ok: true as const };
  });

  app.get('/api/me/record', {
    config: { permission: 'authenticated' },
    schema: { tags: ['me'], summary: '我的档案', response: { 200: PersonRecordSchema } },
  }, async (req) => myRecord(d, actorOf(req)));

  app.get('/api/me/record/export', {
    config: { permission: 'authenticated' },
    schema: { tags: ['me'], summary: '导出我的档案（个人信息副本：JSON 或 .xlsx）', querystring: Obj({ format: Type.Optional(Type.Union([L('json'), L('xlsx')])) }) },
  }, async (req, reply) => {
    const format = req.query.format ?? 'json';
    const r = await exportMyRecord(d, actorOf(req), format);
    if ('xlsx' in r) return reply.header('content-type', XLSX).header('content-disposition', xlsxName('my-record', '我的档案')).send(r.xlsx);
    return reply.header('content-disposition', 'attachment; filename="my-record.json"').send(r.json);
  });
}
