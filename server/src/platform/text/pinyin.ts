import { pinyin } from 'pinyin-pro';

/**
 * Full pinyin ('zhanghuijuan') and initials ('zhj') of a person's name, for search.
 * Surname mode on the head reads 单 as shan, 解 as xie, 曾 as zeng; ü is written v (lv) to stay ASCII.
 */
export function namePinyin(name: string): { pinyin: string; initials: string } {
  const full = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true });
  const first = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head', v: true });
  return { pinyin: full.join('').toLowerCase(), initials: first.join('').toLowerCase() };
}
