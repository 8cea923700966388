/**
 * Whether a typed latin string could be the start of a name's full pinyin (zhanghui, zhangw) or only its initials
 * (zhj, wj). Most initials of two or more letters cannot be spelled as pinyin (no syllable has "hj" or "wj"), so the
 * search can look them up by initials alone, in initials order, instead of sorting every match (bench/people).
 * The grammar is a superset of real syllables: a string it wrongly accepts is searched both ways, never missed.
 */
const INITIALS = ['zh', 'ch', 'sh', 'b', 'p', 'm', 'f', 'd', 't', 'n', 'l', 'g', 'k', 'h', 'j', 'q', 'x', 'r', 'z', 'c', 's', 'y', 'w', ''];
const FINALS = [
  'a', 'o', 'e', 'i', 'u', 'v', 'ai', 'ei', 'ui', 'ao', 'ou', 'iu', 'ie', 've', 'ue', 'er', 'an', 'en', 'in', 'un', 'vn',
  'ang', 'eng', 'ing', 'ong', 'ia', 'iao', 'ian', 'iang', 'iong', 'ua', 'uo', 'uai', 'uan', 'uang', 'ueng', 'van', 'n', 'ng',
];

export function couldBePinyinPrefix(text: string): boolean {
  const s = text.toLowerCase();
  const reachable = new Array<boolean>(s.length + 1).fill(false);
  reachable[0] = true;
  for (let i = 0; i < s.length; i++) {
    if (!reachable[i]) continue;
    for (const ini of INITIALS) {
      if (!s.startsWith(ini, i)) continue;
      const j = i + ini.length;
      // The text ends inside this syllable: an initial alone, or an initial and the start of a final.
      const rest = s.slice(j);
      if (FINALS.some((f) => f.startsWith(rest))) return true;
      for (const f of FINALS) if (f !== '' && s.startsWith(f, j)) reachable[j + f.length] = true;
    }
  }
  return reachable[s.length] === true;
}
