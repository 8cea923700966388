// Pure parts of the import: header mapping, dates as registers write them, 所在组织 matching by path or unique name.
import { describe, expect, it } from 'vitest';
import { mapHeaders, normalizeDateText, parseRow, PEOPLE_COLUMNS } from './people-columns.js';
import { OrgMatcher } from './org-match.js';

describe('header row', () => {
  it('maps template headers in any order, tolerating a 必填 mark and a note in brackets; names missing required columns', () => {
    const h = mapHeaders(['*身份证号', '姓名（必填）', '性别', '备注', '所在组织', '政治面貌', '民族']);
    expect(h.index.get('idNumber')).toBe(0);
    expect(h.index.get('name')).toBe(1);
    expect(h.missing).toEqual([]);
    expect(mapHeaders(['姓名', '性别']).missing.map((c) => c.header)).toEqual(['民族', '身份证号', '所在组织', '政治面貌']);
  });

  it('every column has a header, a help line and an example', () => {
    for (const c of PEOPLE_COLUMNS) expect(c.header && c.help && c.example !== undefined).toBeTruthy();
  });
});

describe('dates as written in registers', () => {
  it.each([
    ['2020-01-31', '2020-01-31'], ['2020/1/5', '2020-01-05'], ['2020.1.5', '2020-01-05'], ['2020年1月5日', '2020-01-05'], ['20200105', '2020-01-05'],
    ['2021-02-29', '2021-02-29'], ['2020-13-01', '2020-13-01'], ['去年', '去年'],
  ])('%s → %s (anything else is left for the person rules to name)', (input, out) => {
    expect(normalizeDateText(input)).toBe(out);
  });
});

describe('row parsing', () => {
  const headers = mapHeaders(PEOPLE_COLUMNS.map((c) => c.header));
  const cells = (over: Record<string, string>) => PEOPLE_COLUMNS.map((c) => over[c.header] ?? '');
  it('turns labels into codes and reports values outside the vocabularies by column', () => {
    const ok = parseRow(cells({ 姓名: ' 张三 ', 性别: '女', 身份证号: 'x', 所在组织: 'a', 政治面貌: '中共党员', 党籍状态: '流动党员', 入党日期: '2010/7/1' }), headers);
    expect(ok.problems).toEqual([]);
    expect(ok.input).toMatchObject({ name: '张三', gender: 'female', partyStatus: 'full', membership: 'mobile', partyJoinedOn: '2010-07-01' });
    const bad = parseRow(cells({ 姓名: '李四', 政治面貌: '党外人士', 党籍状态: '暂停' }), headers);
    expect(bad.problems.map((p) => p.field).sort()).toEqual(['idNumber', 'membership', 'orgUnit', 'partyStatus']);
  });
});

describe('所在组织', () => {
  const units = [
    { id: 'r', parent_id: null, name: '集团党委', path: '/r/' },
    { id: 'c1', parent_id: 'r', name: '一公司党委', path: '/r/c1/' },
    { id: 'b1', parent_id: 'c1', name: '第一党支部', path: '/r/c1/b1/' },
    { id: 'c2', parent_id: 'r', name: '二公司党委', path: '/r/c2/' },
    { id: 'b2', parent_id: 'c2', name: '第一党支部', path: '/r/c2/b2/' },
  ];
  const everywhere = new OrgMatcher(units, () => true);
  const inC1 = new OrgMatcher(units, (p) => p.startsWith('/r/c1/'));
  it('matches the full path, a trailing part of it, or a name unique in scope', () => {
    expect(everywhere.match('集团党委/一公司党委/第一党支部')).toEqual({ ok: true, unitId: 'b1' });
    expect(everywhere.match(' 二公司党委／第一党支部 ')).toEqual({ ok: true, unitId: 'b2' });
    expect(everywhere.match('第一党支部')).toMatchObject({ ok: false, message: { zh: expect.stringContaining('请填写全称路径') } });
    expect(inC1.match('第一党支部')).toEqual({ ok: true, unitId: 'b1' });
  });
  it('refuses units outside the scope as such, and unknown names', () => {
    expect(inC1.match('二公司党委/第一党支部')).toMatchObject({ ok: false, message: { zh: expect.stringContaining('不在您的管理范围内') } });
    expect(inC1.match('集团党委/三公司党委/第一党支部')).toMatchObject({ ok: false, message: { zh: expect.stringContaining('找不到组织') } });
    expect(everywhere.fullName('b2')).toBe('集团党委/二公司党委/第一党支部');
  });
});
