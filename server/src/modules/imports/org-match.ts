import type { Msg } from '../../platform/http/errors.js';

export interface UnitRow { id: string; parent_id: string | null; name: string; path: string }

export type OrgMatch = { ok: true; unitId: string } | { ok: false; message: Msg };

/**
 * Finds the org unit a 所在组织 cell names: the full path of names (集团党委/一公司党委/第一党支部), any trailing part
 * of it (一公司党委/第一党支部), or a bare name — as long as exactly one unit in the actor's scope fits. A unit that
 * exists only outside the scope is refused as such, so an import cannot place people where the importer has no say.
 * Built once per job; each distinct cell text is looked up once.
 */
export class OrgMatcher {
  private readonly byName = new Map<string, UnitRow[]>();
  private readonly byId = new Map<string, UnitRow>();
  private readonly cache = new Map<string, OrgMatch>();

  constructor(units: readonly UnitRow[], private readonly inScope: (path: string) => boolean) {
    for (const u of units) {
      this.byId.set(u.id, u);
      const list = this.byName.get(u.name) ?? [];
      list.push(u);
      this.byName.set(u.name, list);
    }
  }

  /** Names from the root down to the unit. */
  fullName(unitId: string): string {
    const names: string[] = [];
    let u = this.byId.get(unitId);
    while (u) {
      names.unshift(u.name);
      u = u.parent_id ? this.byId.get(u.parent_id) : undefined;
    }
    return names.join('/');
  }

  match(text: string): OrgMatch {
    const key = text.trim();
    const hit = this.cache.get(key);
    if (hit) return hit;
    const result = this.find(key);
    this.cache.set(key, result);
    return result;
  }

  private find(text: string): OrgMatch {
    const parts = text.split(/[/／\\]/).map((p) => p.trim()).filter((p) => p !== '');
    const last = parts[parts.length - 1];
    const candidates = (last ? this.byName.get(last) ?? [] : []).filter((u) => this.endsWith(u, parts));
    if (candidates.length === 0) {
      return { ok: false, message: { zh: `找不到组织“${text}”，请填写组织全称路径，如 集团党委/一公司党委/第一党支部`, en: `No org unit named "${text}"; write its full path, e.g. 集团党委/一公司党委/第一党支部` } };
    }
    const mine = candidates.filter((u) => this.inScope(u.path));
    if (mine.length === 0) return { ok: false, message: { zh: `组织“${text}”不在您的管理范围内`, en: `The org unit "${text}" is outside your scope` } };
    if (mine.length > 1) {
      return { ok: false, message: { zh: `有${mine.length}个组织名为“${text}”，请填写全称路径，如 ${this.fullName(mine[0]!.id)}`, en: `${mine.length} org units are named "${text}"; write the full path, e.g. ${this.fullName(mine[0]!.id)}` } };
    }
    return { ok: true, unitId: mine[0]!.id };
  }

  /** Whether the unit's chain of names ends with `parts` (its own name last). */
  private endsWith(unit: UnitRow, parts: readonly string[]): boolean {
    let u: UnitRow | undefined = unit;
    for (let i = parts.length - 1; i >= 0; i--) {
      if (!u || u.name !== parts[i]) return false;
      u = u.parent_id ? this.byId.get(u.parent_id) : undefined;
    }
    return true;
  }
}
