import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readWorkbook, writeWorkbook } from './xlsx.js';

describe('xlsx helpers', () => {
  it('writes sheets and reads them back as text', async () => {
    const buf = await writeWorkbook([
      {
        name: '人员',
        columns: [
          { header: '姓名', key: 'name' },
          { header: '身份证号', key: 'id', text: true, width: 22 },
          { header: '性别', key: 'gender', list: ['男', '女'] },
          { header: '人数', key: 'n' },
        ],
        rows: [
          { name: '张三', id: '11010519491231002X', gender: '男', n: 3 },
          { name: '李四', id: null, gender: '女', n: 0 },
        ],
        validationRows: 100,
      },
      { name: 'a/b:c', columns: [{ header: 'x', key: 'x' }], rows: [] },
    ]);
    expect(buf.subarray(0, 2).toString()).toBe('PK');
    const sheet = await readWorkbook(buf);
    expect(sheet.name).toBe('人员');
    expect(sheet.headers).toEqual(['姓名', '身份证号', '性别', '人数']);
    expect(sheet.rows).toEqual([
      { rowNumber: 2, cells: ['张三', '11010519491231002X', '男', '3'] },
      { rowNumber: 3, cells: ['李四', '', '女', '0'] },
    ]);
    const second = await readWorkbook(buf, 'a_b_c');
    expect(second.headers).toEqual(['x']);
  });

  it('puts long drop-down lists on a hidden sheet (Excel caps inline lists at 255 characters)', async () => {
    const long = Array.from({ length: 80 }, (_, i) => `选项${i}`);
    const buf = await writeWorkbook([
      { name: 'S', columns: [{ header: 'a', key: 'a', list: long }, { header: 'b', key: 'b', list: ['是', '否'] }], rows: [], validationRows: 10 },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('S')!;
    expect(ws.getCell('A5').dataValidation.formulae).toEqual(["'_lists'!$A$1:$A$80"]);
    expect(ws.getCell('B11').dataValidation.formulae).toEqual(['"是,否"']);
    expect(wb.getWorksheet('_lists')!.state).toBe('hidden');
  });

  it('rejects bytes that are not an xlsx', async () => {
    await expect(readWorkbook(Buffer.from('not a zip'))).rejects.toThrow();
  });
});
