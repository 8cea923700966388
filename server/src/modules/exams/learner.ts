import type { Tx } from '../../platform/db/tenancy.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError } from '../../platform/http/errors.js';
import { ownPersonId } from '../members/person-access.js';

/** Courses and exams are for people: a signed-in account learns as the person record it is linked to. */
export const NO_PERSON = () => new AppError(404, 'no_person_record', { zh: '您的账号还没有关联人员档案，无法参加学习和考试；请联系党组织', en: 'Your account is not linked to a person record yet, so you cannot take courses or exams; ask your party organisation' });

/** The signed-in learner's person record (id and unit path), or 404. */
export async function learner(tx: Tx, actor: Actor): Promise<{ id: string; orgPath: string; orgUnitId: string }> {
  const id = await ownPersonId(tx, actor);
  if (!id) throw NO_PERSON();
  const p = await tx.selectFrom('people').select(['id', 'org_path', 'org_unit_id', 'archived_at']).where('id', '=', id).executeTakeFirst();
  if (!p || p.archived_at) throw NO_PERSON();
  return { id: p.id, orgPath: p.org_path, orgUnitId: p.org_unit_id };
}

