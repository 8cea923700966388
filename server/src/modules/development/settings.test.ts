// Rule settings of §2 and §3 over HTTP (RULES.md §2, §3): bounds that keep the regulations' hard limits, cross-field
// checks, read with the module's manage permission, change only at the top of the tenant (org.manage), one audit
// record, and the effect of a changed setting on the rules: a 7-day 公示 refuses a 5-day notice that passed before,
// a tenant offering only 30-day letters refuses a 90-day one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwner } from '../../testing/db.js';
import { testApp, type TestApp } from '../../testing/app.js';
import { loginActive, makePerson, makeTenant, makeUnit, makeUser, type Agent, type TestTenant, type TestUnit } from '../../testing/factories.js';
import { DEFAULT_DEVELOPMENT_SETTINGS } from '../members/rules.js';
import { DEFAULT_TRANSFER_SETTINGS } from '../transfers/rules.js';
import { makeMember } from '../transfers/testing.js';

let t: TestApp;
let tenant: TestTenant;
let root: TestUnit;
let branch: TestUnit;
let top: Agent; // 组织委员 on the root: development.manage, transfers.manage, org.manage over the whole tenant
let zhibu: Agent; // 支部书记: development.manage on the branch only

beforeAll(async () => {
  t = await testApp();
  tenant = await makeTenant(t);
  root = await makeUnit(t, tenant.tenantId, { kind: 'committee' });
  branch = await makeUnit(t, tenant.tenantId, { parentId: root.id, kind: 'branch' });
  top = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'organization_member', orgUnitId: root.id }));
  zhibu = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'branch_secretary', orgUnitId: branch.id }));
});

afterAll(async () => {
  await t?.close();
});

const auditOf = (action: string) => asOwner(t.database, (tx) => tx.selectFrom('audit_log').select('detail').where('tenant_id', '=', tenant.tenantId).where('action', '=', action).execute());

describe('development settings (RULES.md §2)', () => {
  it('refuse numbers outside the regulations and inconsistent ranges, naming the field', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ probationMonths: 6 }, 'probationMonths'], // 预备期一年 (党章)
      [{ minApplicantAge: 16 }, 'minApplicantAge'],
      [{ introducersRequired: 1 }, 'introducersRequired'],
      [{ approvalLimitMonths: 7 }, 'approvalLimitMonths'], // never more than 6
      [{ approvalWithinMonths: 3, approvalLimitMonths: 2 }, 'approvalLimitMonths'],
      [{ publicityWorkingDays: 4 }, 'publicityWorkingDays'],
      [{ publicityWorkingDays: 16 }, 'publicityWorkingDays'],
      [{ activistMinMonths: 11 }, 'activistMinMonths'],
      [{ trainingMinHours: 20 }, 'trainingMinHours'],
      [{ extensionMaxMonths: 13 }, 'extensionMaxMonths'], // 延长预备期不超过一年
      [{ contactsMin: 2, contactsMax: 1 }, 'contactsMax'],
      [{ extensionMinMonths: 12, extensionMaxMonths: 6 }, 'extensionMaxMonths'],
    ];
    for (const [change, field] of bad) {
      const r = await top.put('/api/development/settings', { ...DEFAULT_DEVELOPMENT_SETTINGS, ...change });
      expect(r.statusCode, field).toBe(400);
      expect(r.json<{ field: string; message: string }>().field).toBe(field);
    }
    const zh = await top.put('/api/development/settings', { ...DEFAULT_DEVELOPMENT_SETTINGS, publicityWorkingDays: 4 });
    expect(zh.json<{ message: string }>().message).toContain('公示工作日数');
    expect(await auditOf('settings.development')).toEqual([]);
  });

  it('are read with development.manage and changed only with org.manage over the whole tenant', async () => {
    const r = await zhibu.get('/api/development/settings');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ settings: DEFAULT_DEVELOPMENT_SETTINGS, defaults: DEFAULT_DEVELOPMENT_SETTINGS, canEdit: false, bounds: { probationMonths: { minimum: 12, maximum: 12 } } });
    expect((await zhibu.put('/api/development/settings', DEFAULT_DEVELOPMENT_SETTINGS)).statusCode).toBe(403);
    const lower = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'organization_member', orgUnitId: branch.id }));
    expect((await lower.put('/api/development/settings', DEFAULT_DEVELOPMENT_SETTINGS)).statusCode).toBe(403);
    const member = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'party_member', orgUnitId: branch.id }));
    expect((await member.get('/api/development/settings')).statusCode).toBe(403);
    expect((await top.get('/api/development/settings')).json<{ canEdit: boolean }>().canEdit).toBe(true);
  });

  it('a 公示 of 7 working days refuses the 5-day notice that passed under the default, with an audit record', async () => {
    const steps = [
      { kind: 'application', on: '2024-01-08' },
      { kind: 'talk', on: '2024-01-20' },
      { kind: 'activist', on: '2024-03-04' },
      { kind: 'thought_report', on: '2024-06-01' },
      { kind: 'assessment', on: '2024-09-01' },
    ];
    const contact = await makePerson(t, tenant.tenantId, { orgUnitId: branch.id, name: '王联系', partyStatus: 'full', birthDate: '1980-01-01' });
    const a = await makePerson(t, tenant.tenantId, { orgUnitId: branch.id, name: '孙发展', birthDate: '2000-03-10' });
    const b = await makePerson(t, tenant.tenantId, { orgUnitId: branch.id, name: '李发展', birthDate: '2000-03-10' });
    for (const id of [a, b]) {
      for (const s of steps) {
        const r = await top.post(`/api/development/people/${id}/steps`, { ...s, people: s.kind === 'talk' || s.kind === 'activist' ? [contact] : undefined });
        expect(r.statusCode, r.body).toBe(200);
      }
    }
    // Mon 2025-02-24 to Fri 2025-02-28: five working days.
    const candidate = { kind: 'candidate', on: '2025-03-10', publicity: { from: '2025-02-24', to: '2025-02-28' } };
    expect((await top.post(`/api/development/people/${a}/steps`, candidate)).statusCode).toBe(200);

    const put = await top.put('/api/development/settings', { ...DEFAULT_DEVELOPMENT_SETTINGS, publicityWorkingDays: 7 });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json<{ settings: { publicityWorkingDays: number } }>().settings.publicityWorkingDays).toBe(7);
    expect((await zhibu.get('/api/development/settings')).json<{ settings: { publicityWorkingDays: number } }>().settings.publicityWorkingDays).toBe(7);
    expect((await auditOf('settings.development')).map((x) => x.detail)).toEqual([{ changed: { publicityWorkingDays: { from: 5, to: 7 } } }]);

    const refused = await top.post(`/api/development/people/${b}/steps`, candidate);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json<{ violations: { code: string; message: { zh: string } }[] }>().violations).toContainEqual(expect.objectContaining({ code: 'publicity_short' }));
    // Back to the default for the tests that follow.
    expect((await top.put('/api/development/settings', DEFAULT_DEVELOPMENT_SETTINGS)).statusCode).toBe(200);
  });
});

describe('transfer settings (RULES.md §3)', () => {
  it('keep the letter at most 3 months, 30 or 90 days, the 存根 at least 10 years', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ maxValidityMonths: 4 }, 'maxValidityMonths'],
      [{ stubRetentionYears: 9 }, 'stubRetentionYears'],
      [{ formalTransferAwayMonths: 7 }, 'formalTransferAwayMonths'],
      [{ letterValidityDays: [60] }, 'letterValidityDays'],
      [{ letterValidityDays: [30, 30] }, 'letterValidityDays'],
      [{ letterValidityDays: [] }, 'letterValidityDays'],
      [{ maxValidityMonths: 2 }, 'letterValidityDays'], // 90 days pass two months
      [{ letterValidityDays: [30], maxValidityMonths: 1 }, 'letterValidityDays'], // from 1 February, 30 days pass a month
    ];
    for (const [change, field] of bad) {
      const r = await top.put('/api/transfers/settings', { ...DEFAULT_TRANSFER_SETTINGS, ...change });
      expect(r.statusCode, `${field} ${JSON.stringify(change)}`).toBe(400);
      expect(r.json<{ field: string }>().field).toBe(field);
    }
    expect(await auditOf('settings.transfer')).toEqual([]);
    const lower = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'organization_member', orgUnitId: branch.id }));
    expect((await lower.get('/api/transfers/settings')).json<{ canEdit: boolean }>().canEdit).toBe(false);
    expect((await lower.put('/api/transfers/settings', DEFAULT_TRANSFER_SETTINGS)).statusCode).toBe(403);
  });

  it('a tenant offering only 30-day letters refuses a 90-day one', async () => {
    const put = await top.put('/api/transfers/settings', { ...DEFAULT_TRANSFER_SETTINGS, letterValidityDays: [30], maxValidityMonths: 2 });
    expect(put.statusCode, put.body).toBe(200);
    expect((await auditOf('settings.transfer')).map((x) => x.detail)).toEqual([{ changed: { letterValidityDays: { from: [30, 90], to: [30] }, maxValidityMonths: { from: 3, to: 2 } } }]);
    const other = await makeUnit(t, tenant.tenantId, { parentId: root.id, kind: 'branch' });
    const p = await makeMember(t, tenant.tenantId, { orgUnitId: branch.id });
    const r = await top.post('/api/transfers', { personId: p.id, scope: 'within_tenant', toUnitId: other.id, reason: '工作调动', validityDays: 90 });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json<{ field: string }>().field).toBe('validityDays');
    expect((await top.post('/api/transfers', { personId: p.id, scope: 'within_tenant', toUnitId: other.id, reason: '工作调动', validityDays: 30 })).statusCode).toBe(200);
  });
});
