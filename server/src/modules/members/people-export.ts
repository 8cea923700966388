import { withTenant } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import { can, scopesFor, type Actor } from '../../platform/access/actor.js';
import { badField, forbidden } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { maskIdNumber } from '../../platform/identity/id-number.js';
import { writeWorkbook, type SheetColumn } from '../../platform/office/xlsx.js';
import { PARTY_STATUS_NAMES } from './rules.js';
import { cappedCount, peopleQuery, type PeopleFilter } from './people-search.js';
import { decryptOrNull, maskPhone } from './people-view.js';
import { todayInChina, type Deps } from './people-service.js';

/** Largest export in one file; a bigger list is narrowed by unit or filter first (a sheet is read by people). */
export const EXPORT_MAX_ROWS = 50_000;

const MEMBERSHIP_NAMES = { normal: '正常', mobile: '流动党员', retained: '组织关系保留' } as const;
const GENDER_NAMES = { male: '男', female: '女' } as const;

/**
 * The filtered list as .xlsx. ID numbers are masked unless the actor manages people everywhere the list reaches and
 * asks for them (`fullId`); phones likewise. The export itself is an audit record naming the filter and the count.
 */
export async function exportPeople(d: Deps, actor: Actor, f: PeopleFilter, fullId: boolean): Promise<{ file: Buffer; count: number }> {
  const ctx = txContext(actor);
  const today = todayInChina();
  return withTenant(d.db, ctx, async (tx) => {
    const q = await peopleQuery(tx, actor, d.cipher, f, today);
    if (fullId) {
      const unitPath = f.unitId ? (await tx.selectFrom('org_units').select('path').where('id', '=', f.unitId).executeTakeFirstOrThrow()).path : null;
      const covered = unitPath !== null ? can(actor, 'people.manage', unitPath) : scopesFor(actor, 'people.read').every((s) => can(actor, 'people.manage', s));
      if (!covered) throw forbidden({ zh: '导出完整身份证号需要对所选范围有人员管理权限', en: 'Exporting full ID numbers needs the people-management permission over the whole list' });
    }
    const { total, capped } = await cappedCount(tx, q);
    if (capped || total > EXPORT_MAX_ROWS) {
      throw badField('unitId', { zh: `导出的人数超过${EXPORT_MAX_ROWS}人，请先选择组织或筛选条件缩小范围`, en: `More than ${EXPORT_MAX_ROWS} people; choose a unit or filters to narrow the list first` });
    }
    const rows = await q.innerJoin('org_units as o', 'o.id', 'people.org_unit_id').selectAll('people').select('o.name as org_unit_name')
      .orderBy('people.org_path').orderBy('people.name_pinyin').orderBy('people.id').execute();
    const columns: SheetColumn[] = [
      { header: '姓名', key: 'name', width: 12 }, { header: '性别', key: 'gender', width: 6 }, { header: '民族', key: 'ethnicity', width: 10 },
      { header: '出生日期', key: 'birthDate', width: 12, text: true }, { header: '身份证号', key: 'idNumber', width: 22, text: true },
      { header: '联系电话', key: 'phone', width: 16, text: true }, { header: '学历', key: 'education', width: 12 }, { header: '职务', key: 'jobTitle', width: 16 },
      { header: '工号', key: 'employeeNo', width: 12, text: true }, { header: '所在组织', key: 'orgUnit', width: 24 },
      { header: '政治面貌', key: 'partyStatus', width: 12 }, { header: '递交申请日期', key: 'appliedOn', width: 14, text: true },
      { header: '确定积极分子日期', key: 'activistOn', width: 16, text: true }, { header: '确定发展对象日期', key: 'candidateOn', width: 16, text: true },
      { header: '入党日期', key: 'partyJoinedOn', width: 12, text: true }, { header: '转正日期', key: 'fullOn', width: 12, text: true },
      { header: '党籍状态', key: 'membership', width: 14 },
    ];
    const file = await writeWorkbook([{
      name: '人员名单',
      columns,
      rows: rows.map((p) => {
        const id = decryptOrNull(d.cipher, p.id_number_enc);
        const phone = decryptOrNull(d.cipher, p.phone_enc);
        return {
          name: p.name, gender: GENDER_NAMES[p.gender], ethnicity: p.ethnicity, birthDate: p.birth_date,
          idNumber: id === null ? null : fullId ? id : maskIdNumber(id), phone: phone === null ? null : fullId ? phone : maskPhone(phone),
          education: p.education, jobTitle: p.job_title, employeeNo: p.employee_no, orgUnit: p.org_unit_name,
          partyStatus: PARTY_STATUS_NAMES[p.party_status].zh, appliedOn: p.applied_on, activistOn: p.activist_on, candidateOn: p.candidate_on,
          partyJoinedOn: p.party_joined_on, fullOn: p.full_on, membership: MEMBERSHIP_NAMES[p.membership],
        };
      }),
    }]);
    const filter = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
    // The filter text may be an ID number someone searched for: recorded as a search, not as the number.
    if (typeof filter.q === 'string' && /\d{6,}/.test(filter.q)) filter.q = '(身份证号)';
    await auditAs(tx, ctx, { action: 'people.export', objectType: 'person_list', objectId: f.unitId ?? '', detail: { filter, count: rows.length, fullId } });
    return { file, count: rows.length };
  });
}
