/** A pool of generated names with their pinyin, drawn with the demo's surname frequencies (deterministic). */
import { GIVEN_NAMES, SURNAMES } from '../../server/src/demo/names.js';
import { Rng } from '../../server/src/demo/random.js';
import { namePinyin } from '../../server/src/platform/text/pinyin.js';

export interface PoolName { name: string; pinyin: string; initials: string; gender: 'male' | 'female' }

export function makeNamePool(size: number, seed = 1_000_003): PoolName[] {
  const rng = new Rng(seed);
  const seen = new Set<string>();
  const out: PoolName[] = [];
  const eras = Object.keys(GIVEN_NAMES.male) as (keyof typeof GIVEN_NAMES.male)[];
  for (let attempts = 0; out.length < size && attempts < size * 20; attempts++) {
    const gender = rng.chance(0.55) ? 'male' : 'female';
    const name = rng.weighted(SURNAMES) + rng.pick(GIVEN_NAMES[gender][rng.pick(eras)]);
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({ name, gender, ...namePinyin(name) });
  }
  return out;
}
