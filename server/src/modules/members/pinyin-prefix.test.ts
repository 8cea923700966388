import { describe, expect, it } from 'vitest';
import { couldBePinyinPrefix } from './pinyin-prefix.js';
import { namePinyin } from '../../platform/text/pinyin.js';

describe('couldBePinyinPrefix', () => {
  it.each(['zhanghuijuan', 'zhanghui', 'zhangh', 'zhang', 'zh', 'z', 'wangw', 'liu', 'ouyang', 'lv', 'xiang', 'er'])('accepts %s (pinyin or its start)', (q) => {
    expect(couldBePinyinPrefix(q)).toBe(true);
  });
  it.each(['zhj', 'wj', 'lxm', 'hj', 'zjh', 'wjg'])('refuses %s (only initials)', (q) => {
    expect(couldBePinyinPrefix(q)).toBe(false);
  });
  it('accepts every prefix of real names\' pinyin', () => {
    for (const name of ['张慧娟', '欧阳修远', '单雪梅', '吕晓光', '诸葛亮', '王二小', '黄英', '翁娜']) {
      const { pinyin } = namePinyin(name);
      for (let i = 1; i <= pinyin.length; i++) expect(couldBePinyinPrefix(pinyin.slice(0, i)), pinyin.slice(0, i)).toBe(true);
    }
  });
});
