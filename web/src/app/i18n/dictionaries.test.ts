import { describe, expect, it } from 'vitest';
import { enUS } from './en-US';
import { format, placeholders, translator } from './translate';
import { zhCN } from './zh-CN';

describe('i18n dictionaries', () => {
  it('zh-CN and en-US have exactly the same keys', () => {
    expect(Object.keys(enUS).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('every message has the same placeholders in both languages', () => {
    const zh: Record<string, string> = zhCN;
    for (const [key, en] of Object.entries(enUS)) {
      expect({ key, placeholders: placeholders(en) }).toEqual({ key, placeholders: placeholders(zh[key] ?? '') });
    }
  });

  it('no message is empty', () => {
    for (const [key, v] of [...Object.entries(zhCN), ...Object.entries(enUS)]) expect({ key, empty: v.trim() === '' }).toEqual({ key, empty: false });
  });

  it('formats placeholders and leaves unknown ones', () => {
    expect(format('共 {total} 条', { total: 3 })).toBe('共 3 条');
    expect(format('{a} {b}', { a: 1 })).toBe('1 {b}');
    expect(translator('zh-CN')('home.welcome', { name: '张三' })).toBe('张三，您好');
    expect(translator('en-US')('home.welcome', { name: 'Li' })).toBe('Hello, Li');
  });

  it('org kinds are labelled as the issue names them', () => {
    const t = translator('zh-CN');
    expect(t('org.kind.group_committee')).toBe('集团党委');
    expect(t('org.kind.general_branch')).toBe('党总支');
    expect(t('org.kind.party_group')).toBe('党小组');
  });
});
