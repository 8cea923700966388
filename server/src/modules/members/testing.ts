/**
 * Test helpers of the people module (not shared factories): valid ID numbers, and the audit checks of the people
 * write routes for platform/audit/audit.test.ts ("every write route leaves exactly one audit record").
 */
import { idCheckDigit } from '../../platform/identity/id-number.js';
import type { TestApp } from '../../testing/app.js';
import { loginActive, makePerson, makeUnit, makeUser, type Res, type TestTenant, type TestUnit } from '../../testing/factories.js';

/** A valid 18-character ID number from its first 17 digits (region 6, birth date 8, sequence 3; odd sequence = male). */
export function validIdNumber(first17: string): string {
  return first17 + idCheckDigit(first17);
}

export interface AuditCase { route: string; tenantId: string; call: () => Promise<Res>; action: string; actor: string; object?: () => string }

/** One successful call per people write route, each expected to leave exactly one audit record. */
export async function peopleAuditCases(t: TestApp, tenant: TestTenant, root: TestUnit): Promise<AuditCase[]> {
  const branch = await makeUnit(t, tenant.tenantId, { parentId: root.id, name: '审计测试支部' });
  const managerUser = await makeUser(t, tenant.tenantId, { role: 'organization_member', orgUnitId: root.id });
  const m = await loginActive(t.app, managerUser);
  const personId = await makePerson(t, tenant.tenantId, { orgUnitId: branch.id, name: '赵审计', idNumber: validIdNumber('11010519800101001') });
  const archiveId = await makePerson(t, tenant.tenantId, { orgUnitId: branch.id, name: '钱归档' });
  let newPerson = '';
  let honourId = '';
  const actor = managerUser.userId;
  return [
    {
      route: 'POST /api/people', tenantId: tenant.tenantId, action: 'people.create', actor, object: () => newPerson,
      call: async () => {
        const r = await m.post('/api/people', {
          name: '孙新建', gender: 'male', ethnicity: '汉族', birthDate: null, idNumber: null, phone: null, education: null, jobTitle: null, employeeNo: null,
          orgUnitId: branch.id, partyStatus: 'none', appliedOn: null, activistOn: null, candidateOn: null, partyJoinedOn: null, fullOn: null, membership: 'normal', membershipNote: null,
        });
        newPerson = r.json<{ id: string }>().id;
        return r;
      },
    },
    { route: 'PATCH /api/people/:id', tenantId: tenant.tenantId, action: 'people.update', actor, object: () => personId, call: () => m.patch(`/api/people/${personId}`, { jobTitle: '审计员', version: 1 }) },
    { route: 'POST /api/people/:id/archive', tenantId: tenant.tenantId, action: 'people.archive', actor, object: () => archiveId, call: () => m.post(`/api/people/${archiveId}/archive`, { reason: 'left', version: 1 }) },
    { route: 'POST /api/people/:id/reveal-id', tenantId: tenant.tenantId, action: 'people.reveal_id', actor, object: () => personId, call: () => m.post(`/api/people/${personId}/reveal-id`) },
    {
      route: 'POST /api/people/:id/honours', tenantId: tenant.tenantId, action: 'people.honour_add', actor, object: () => personId,
      call: async () => {
        const r = await m.post(`/api/people/${personId}/honours`, { kind: 'award', title: '先进个人', decidedOn: '2020-07-01' });
        honourId = r.json<{ id: string }>().id;
        return r;
      },
    },
    { route: 'PUT /api/people/:id/honours/:honourId', tenantId: tenant.tenantId, action: 'people.honour_update', actor, object: () => personId, call: () => m.put(`/api/people/${personId}/honours/${honourId}`, { kind: 'award', title: '优秀个人', decidedOn: '2020-07-01' }) },
    { route: 'DELETE /api/people/:id/honours/:honourId', tenantId: tenant.tenantId, action: 'people.honour_delete', actor, object: () => personId, call: () => m.delete(`/api/people/${personId}/honours/${honourId}`) },
  ];
}
