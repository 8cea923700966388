import { writeWorkbook, type CellValue } from '../../platform/office/xlsx.js';
import { PEOPLE_COLUMNS } from './people-columns.js';

/** The data sheet's name; the import reads the first sheet, so it comes first. */
export const PEOPLE_SHEET = '人员信息';
/** Drop-downs cover this many data rows of the template. */
const TEMPLATE_ROWS = 10_000;

/** The people import template: the header row, one example row, drop-downs for fixed vocabularies, and 填写说明. */
export function peopleTemplate(): Promise<Buffer> {
  const example: Record<string, CellValue> = Object.fromEntries(PEOPLE_COLUMNS.map((c) => [c.field, c.example]));
  return writeWorkbook([
    {
      name: PEOPLE_SHEET,
      columns: PEOPLE_COLUMNS.map((c) => ({ header: c.header, key: c.field, width: c.width, ...(c.list ? { list: c.list } : {}), ...(c.text ? { text: true } : {}) })),
      rows: [example],
      validationRows: TEMPLATE_ROWS,
    },
    {
      name: '填写说明',
      columns: [{ header: '列', key: 'header', width: 16 }, { header: '是否必填', key: 'required', width: 10 }, { header: '填写要求', key: 'help', width: 90 }],
      rows: [
        ...PEOPLE_COLUMNS.map((c) => ({ header: c.header, required: c.required ? '必填' : '选填', help: c.help })),
        { header: '', required: '', help: '' },
        { header: '说明', required: '', help: '第2行是示例，导入前请删除或改写。每行一人；按身份证号识别同一人：新的新增，已有且不同的更新，完全相同的不变。' },
        { header: '说明', required: '', help: '有错误的行不会写入任何数据，导入报告会列出行号、列和原因；改正后可重新导入整个文件。' },
        { header: '说明', required: '', help: '党员的日期须符合发展党员流程的先后顺序；转正日期不早于入党日期后一年。' },
      ],
    },
  ]);
}

export interface ReportJob {
  fileName: string;
  status: string;
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  failed: number;
  createdAt: Date;
  finishedAt: Date | null;
  error: { zh: string; en: string } | null;
}

export interface ReportRow { rowNumber: number; outcome: 'failed' | 'updated'; column: string; messageZh: string; personName: string }

/** The import report: a summary sheet and one line per problem or update, by row number. */
export function reportWorkbook(job: ReportJob, rows: ReportRow[]): Promise<Buffer> {
  const fmt = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '');
  return writeWorkbook([
    {
      name: '导入报告',
      columns: [
        { header: '行号', key: 'rowNumber', width: 8 }, { header: '结果', key: 'outcome', width: 8 }, { header: '姓名', key: 'personName', width: 12 },
        { header: '列', key: 'column', width: 14 }, { header: '原因', key: 'messageZh', width: 80 },
      ],
      rows: rows.map((r) => ({ ...r, outcome: r.outcome === 'failed' ? '未导入' : '已更新' })),
    },
    {
      name: '汇总',
      columns: [{ header: '项目', key: 'k', width: 14 }, { header: '内容', key: 'v', width: 60 }],
      rows: [
        { k: '文件', v: job.fileName }, { k: '状态', v: job.status === 'done' ? '已完成' : job.status === 'failed' ? '失败' : '处理中' },
        { k: '总行数', v: job.total }, { k: '新增', v: job.inserted }, { k: '更新', v: job.updated }, { k: '未变化', v: job.unchanged },
        { k: '有错误未导入', v: job.failed }, { k: '开始时间', v: fmt(job.createdAt) }, { k: '完成时间', v: fmt(job.finishedAt) },
        ...(job.error ? [{ k: '失败原因', v: job.error.zh }] : []),
      ],
    },
  ]);
}
