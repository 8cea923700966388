import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import type { Actor } from '../../platform/access/actor.js';
import { badField } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { writeWorkbook, type SheetColumn } from '../../platform/office/xlsx.js';
import type { TransferItem } from './present.js';
import { listTransfers } from './service.js';
import type { TransferState } from './rules.js';

/** Largest list in one file; a longer one is narrowed by state first. */
export const TRANSFER_EXPORT_MAX_ROWS = 10_000;

const SCOPE_NAMES: Record<TransferItem['scope'], string> = { within_tenant: '本企业内', platform: '转往平台上其他企业', external: '转出平台（纸质介绍信）' };
/** As the list shows them: an issued letter is 转出中 for the sender and 待接收 for the receiver. */
const STATE_NAMES: Record<TransferState, string> = { draft: '草稿', issued: '转出中', received: '已接收', returned: '已退回', expired: '已过期', cancelled: '已作废' };

/**
 * The 转出 or 转入 list as filtered on the screen (box, state), as .xlsx: the same rows the list shows, in its order.
 * The export is an audit record naming the filter and the count (the list names members).
 */
export async function exportTransfers(db: Kysely<DB>, actor: Actor, q: { box: 'outgoing' | 'incoming'; state?: TransferState | undefined }): Promise<Buffer> {
  const { items, total } = await listTransfers(db, actor, { ...q, page: 1, pageSize: TRANSFER_EXPORT_MAX_ROWS });
  if (total > TRANSFER_EXPORT_MAX_ROWS) {
    throw badField('state', { zh: `超过${TRANSFER_EXPORT_MAX_ROWS}条，请先按状态筛选再导出`, en: `More than ${TRANSFER_EXPORT_MAX_ROWS} transfers; filter by state first` });
  }
  const incoming = q.box === 'incoming';
  const columns: SheetColumn[] = [
    { header: '介绍信编号', key: 'letterNo', width: 22, text: true }, { header: '党员姓名', key: 'personName', width: 12 },
    { header: '转接类型', key: 'scope', width: 22 }, { header: '转出组织', key: 'from', width: 30 }, { header: '转入组织', key: 'to', width: 30 },
    { header: '开具日期', key: 'issuedOn', width: 12, text: true }, { header: '有效期至', key: 'expiresOn', width: 12, text: true },
    { header: '状态', key: 'state', width: 10 },
  ];
  const file = await writeWorkbook([{
    name: incoming ? '转入' : '转出',
    columns,
    rows: items.map((r) => ({
      letterNo: r.letterNo, personName: r.personName, scope: SCOPE_NAMES[r.scope],
      from: r.fromTenantName ? `${r.fromTenantName} ${r.fromOrgName}` : r.fromOrgName,
      to: r.toTenantName ? `${r.toTenantName} ${r.toOrgName}` : r.toOrgName,
      issuedOn: r.issuedOn, expiresOn: r.expiresOn,
      state: incoming && r.state === 'issued' ? '待接收' : STATE_NAMES[r.state],
    })),
  }]);
  const ctx = txContext(actor);
  await withTenant(db, ctx, (tx) => auditAs(tx, ctx, { action: 'transfer.export', objectType: 'transfer_list', objectId: '', detail: { box: q.box, state: q.state ?? null, count: items.length } }));
  return file;
}
