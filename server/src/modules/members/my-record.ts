import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { writeWorkbook } from '../../platform/office/xlsx.js';
import { ownPersonId } from './person-access.js';
import { PARTY_STATUS_NAMES } from './rules.js';
import { decryptOrNull, personRecord } from './people-view.js';
import { todayInChina, type Deps } from './people-service.js';

/**
 * A member's own record (PIPL art. 44–45: a person may consult and copy their personal information). Any signed-in
 * user linked to a person sees it, whatever their roles; the copy carries the full ID number and phone — it is theirs.
 * Both the view and the copy are audit records.
 */

const NO_RECORD = () => new AppError(404, 'no_person_record', { zh: '您的账号还没有关联人员档案，请联系党组织或人力资源部门', en: 'Your account is not linked to a person record yet; ask your party organisation or HR' });

const NO_ABILITIES = { edit: false, archive: false, revealId: false, manageHonours: false };

async function ownRow(tx: Tx, actor: Actor) {
  const id = await ownPersonId(tx, actor);
  if (!id) throw NO_RECORD();
  const p = await tx.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) throw NO_RECORD();
  return p;
}

export async function myRecord(d: Deps, actor: Actor) {
  const ctx = txContext(actor);
  return withTenant(d.db, ctx, async (tx) => {
    const p = await ownRow(tx, actor);
    await auditAs(tx, ctx, { action: 'me.record_view', objectType: 'person', objectId: p.id });
    return personRecord(tx, p, d.cipher, todayInChina(), { fullPhone: true, abilities: NO_ABILITIES });
  });
}

/** The whole own record, unmasked, as data (JSON) or a workbook (.xlsx). */
export async function exportMyRecord(d: Deps, actor: Actor, format: 'json' | 'xlsx') {
  const ctx = txContext(actor);
  return withTenant(d.db, ctx, async (tx) => {
    const p = await ownRow(tx, actor);
    const record = await personRecord(tx, p, d.cipher, todayInChina(), { fullPhone: true, abilities: NO_ABILITIES });
    const { abilities: _a, idNumberMasked: _m, ...rest } = record;
    const data = { ...rest, idNumber: decryptOrNull(d.cipher, p.id_number_enc), exportedAt: new Date().toISOString() };
    await auditAs(tx, ctx, { action: 'me.record_export', objectType: 'person', objectId: p.id, detail: { format } });
    if (format === 'json') return { json: data };
    const fields: [string, string | number | null][] = [
      ['姓名', data.name], ['性别', data.gender === 'male' ? '男' : '女'], ['民族', data.ethnicity], ['出生日期', data.birthDate],
      ['身份证号', data.idNumber], ['联系电话', data.phone], ['学历', data.education], ['职务', data.jobTitle], ['工号', data.employeeNo],
      ['所在组织', data.orgUnitPath.map((u) => u.name).join(' / ')], ['政治面貌', PARTY_STATUS_NAMES[data.partyStatus].zh],
      ['递交申请日期', data.appliedOn], ['确定积极分子日期', data.activistOn], ['确定发展对象日期', data.candidateOn],
      ['入党日期', data.partyJoinedOn], ['转正日期', data.fullOn], ['党龄（年）', data.partyAgeYears], ['预备期满', data.probationEndsOn],
      ['党籍状态', { normal: '正常', mobile: '流动党员', retained: '组织关系保留' }[data.membership]], ['说明', data.membershipNote],
    ];
    const file = await writeWorkbook([
      { name: '基本信息', columns: [{ header: '项目', key: 'k', width: 18 }, { header: '内容', key: 'v', width: 40, text: true }], rows: fields.map(([k, v]) => ({ k, v })) },
      {
        name: '奖惩',
        columns: [{ header: '类别', key: 'kind', width: 8 }, { header: '名称', key: 'title', width: 30 }, { header: '决定日期', key: 'decidedOn', width: 12, text: true }, { header: '决定机关', key: 'issuer', width: 20 }, { header: '说明', key: 'note', width: 30 }],
        rows: data.honours.map((h) => ({ ...h, kind: h.kind === 'award' ? '奖励' : '处分' })),
      },
      {
        name: '变更记录',
        columns: [{ header: '时间', key: 'at', width: 22 }, { header: '事项', key: 'kind', width: 16 }, { header: '操作人', key: 'actorName', width: 14 }, { header: '内容', key: 'detail', width: 60 }],
        rows: data.history.map((e) => ({ at: e.at, kind: e.kind, actorName: e.actorName, detail: JSON.stringify(e.detail) })),
      },
    ]);
    return { xlsx: file };
  });
}
