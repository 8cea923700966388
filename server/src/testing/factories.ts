/**
 * One-line fixtures: tenants, org units, people and accounts written straight into the database
 * (inside withTenant, so row-level security checks them), and a signed-in HTTP agent.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Database } from '../platform/db/database.js';
import type { Membership, OrgKind, PartyStatus, SessionStage } from '../platform/db/schema.js';
import { namePinyin } from '../platform/text/pinyin.js';
import { PLATFORM_TENANT_ID, withTenant, type TxContext } from '../platform/db/tenancy.js';
import type { FieldCipher } from '../platform/crypto/fields.js';
import type { App } from '../platform/http/app.js';
import { hashPassword } from '../platform/auth/passwords.js';
import { SESSION_COOKIE } from '../platform/auth/sessions.js';
import { newTotpSecret, totpCode } from '../platform/auth/totp.js';
import { roleDef } from '../platform/access/roles.js';
import { childPath, rootPath } from '../modules/org/rules.js';
import { createTenant } from '../modules/tenants/service.js';

type Db = { database: Database };
type DbWithCipher = Db & { cipher?: FieldCipher };

let counter = 0;
/** A short unique name: lower case letters and digits, valid as a username or tenant code. */
export function uniq(prefix = 'u'): string {
  counter += 1;
  return `${prefix}${counter.toString(36)}${randomBytes(3).toString('hex')}`;
}

/** A password that satisfies the policy (RULES.md §7): long, four character classes, nothing common. */
export function strongPassword(): string {
  return `Zg-${randomBytes(5).toString('hex')}-Qx7!`;
}

const FIXTURE_CTX = { actorId: null, actorName: '测试夹具', sourceIp: '127.0.0.1' } satisfies Omit<TxContext, 'tenantId'>;

const ctxFor = (tenantId: string): TxContext => ({ ...FIXTURE_CTX, tenantId });

export interface TestTenant {
  tenantId: string;
  code: string;
  /** The first system administrator createTenant made: must change the password, no second factor yet. */
  adminId: string;
  adminUsername: string;
  adminPassword: string;
}

/** A tenant opened the way the platform opens one (modules/tenants/service.ts createTenant). */
export async function makeTenant(f: Db, opts: { code?: string; name?: string } = {}): Promise<TestTenant> {
  const code = opts.code ?? uniq('t');
  const adminUsername = uniq('admin');
  const adminPassword = strongPassword();
  const r = await createTenant(f.database.db, { ...FIXTURE_CTX, tenantId: PLATFORM_TENANT_ID, platform: true }, {
    code, name: opts.name ?? `测试企业 ${code}`, admin: { username: adminUsername, displayName: '首任管理员', password: adminPassword },
  });
  return { tenantId: r.tenantId, code, adminId: r.adminUserId, adminUsername, adminPassword };
}

export interface TestUnit { id: string; path: string; name: string; kind: OrgKind }

/** An org unit; without a parent it is a root (集团党委). */
export async function makeUnit(f: Db, tenantId: string, opts: { parentId?: string | null; kind?: OrgKind; name?: string } = {}): Promise<TestUnit> {
  const id = randomUUID();
  return withTenant(f.database.db, ctxFor(tenantId), async (tx) => {
    const parent = opts.parentId
      ? await tx.selectFrom('org_units').select(['path', 'depth']).where('id', '=', opts.parentId).executeTakeFirstOrThrow()
      : null;
    const kind = opts.kind ?? (parent ? 'branch' : 'group_committee');
    const name = opts.name ?? `${parent ? '第一党支部' : '集团党委'} ${id.slice(0, 4)}`;
    const path = parent ? childPath(parent.path, id) : rootPath(id);
    await tx.insertInto('org_units').values({
      id, tenant_id: tenantId, parent_id: opts.parentId ?? null, path, depth: parent ? parent.depth + 1 : 0, kind, name, dissolved_at: null,
    }).execute();
    return { id, path, name, kind };
  });
}

export interface PersonOptions {
  orgUnitId: string;
  name?: string;
  gender?: 'male' | 'female';
  ethnicity?: string;
  birthDate?: string | null;
  /** Stored encrypted with its lookup hash, as the people service stores it (needs the cipher: pass the testApp() result). */
  idNumber?: string | null;
  phone?: string | null;
  education?: string | null;
  jobTitle?: string | null;
  employeeNo?: string | null;
  partyStatus?: PartyStatus;
  appliedOn?: string | null;
  activistOn?: string | null;
  candidateOn?: string | null;
  partyJoinedOn?: string | null;
  fullOn?: string | null;
  membership?: Membership;
  archived?: boolean;
}

/** A person record; with only a unit, a male 群众 named 张三 with no ID number. Not validated (fixtures may build what the API refuses). */
export async function makePerson(f: DbWithCipher, tenantId: string, opts: PersonOptions): Promise<string> {
  const id = randomUUID();
  const name = opts.name ?? '张三';
  const { pinyin, initials } = namePinyin(name);
  const needsCipher = (opts.idNumber ?? opts.phone ?? null) !== null;
  if (needsCipher && !f.cipher) throw new Error('makePerson: an ID number or phone needs the app cipher (pass the testApp() result)');
  const cipher = f.cipher;
  await withTenant(f.database.db, ctxFor(tenantId), (tx) =>
    tx.insertInto('people').values({
      id, tenant_id: tenantId, org_unit_id: opts.orgUnitId, name, name_pinyin: pinyin, name_initials: initials,
      gender: opts.gender ?? 'male', ethnicity: opts.ethnicity ?? '汉族', birth_date: opts.birthDate ?? null,
      education: opts.education ?? null, job_title: opts.jobTitle ?? null, employee_no: opts.employeeNo ?? null,
      id_number_enc: opts.idNumber && cipher ? cipher.encrypt(opts.idNumber) : null,
      id_number_hash: opts.idNumber && cipher ? cipher.lookupHash(opts.idNumber) : null,
      phone_enc: opts.phone && cipher ? cipher.encrypt(opts.phone) : null,
      party_status: opts.partyStatus ?? 'none', applied_on: opts.appliedOn ?? null, activist_on: opts.activistOn ?? null,
      candidate_on: opts.candidateOn ?? null, party_joined_on: opts.partyJoinedOn ?? null, full_on: opts.fullOn ?? null,
      membership: opts.membership ?? 'normal', membership_note: null,
      archived_at: opts.archived ? new Date() : null, archived_reason: opts.archived ? 'left' : null,
    }).execute());
  return id;
}

export interface TestUser {
  userId: string;
  tenantId: string;
  /** The tenant code, as typed at login. */
  tenant: string;
  username: string;
  password: string;
  /** Set when the account has an enrolled authenticator. */
  totpSecret?: string;
  grantIds: string[];
}

export interface UserOptions {
  /** Role key(s) granted directly (no 三员分立 check: fixtures may build what the API refuses). */
  role?: string | readonly string[];
  /** Scope of the role grants; null (default) means the whole tenant. */
  orgUnitId?: string | null;
  mustChangePassword?: boolean;
  password?: string;
  username?: string;
  displayName?: string;
  /** Enrol an authenticator (default: when a role is an administrator role, as login requires then). */
  totp?: boolean;
  locale?: 'zh-CN' | 'en-US';
}

/** An account with its role grants; administrators come with TOTP enrolled so they can sign in. */
export async function makeUser(f: DbWithCipher, tenantId: string, opts: UserOptions = {}): Promise<TestUser> {
  const roles: readonly string[] = opts.role === undefined ? [] : typeof opts.role === 'string' ? [opts.role] : opts.role;
  const wantsTotp = opts.totp ?? roles.some((r) => roleDef(r)?.admin === true);
  let totpSecret: string | undefined;
  if (wantsTotp) {
    if (!f.cipher) throw new Error('makeUser: enrolling TOTP needs the app cipher (pass the testApp() result)');
    totpSecret = newTotpSecret();
  }
  const userId = randomUUID();
  const username = opts.username ?? uniq('u');
  const password = opts.password ?? strongPassword();
  const passwordHash = await hashPassword(password);
  const grantIds = roles.map(() => randomUUID());
  const tenant = await withTenant(f.database.db, ctxFor(tenantId), async (tx) => {
    const t = await tx.selectFrom('tenants').select('code').where('id', '=', tenantId).executeTakeFirstOrThrow();
    await tx.insertInto('users').values({
      id: userId, tenant_id: tenantId, username, display_name: opts.displayName ?? `测试用户 ${username}`, person_id: null,
      password_hash: passwordHash, must_change_password: opts.mustChangePassword ?? false, locked_until: null,
      totp_secret_enc: totpSecret && f.cipher ? f.cipher.encrypt(totpSecret) : null, totp_enabled: !!totpSecret,
      last_login_at: null, ...(opts.locale ? { locale: opts.locale } : {}),
    }).execute();
    if (roles.length) {
      await tx.insertInto('role_grants').values(roles.map((role, i) => ({
        id: grantIds[i]!, tenant_id: tenantId, user_id: userId, role, org_unit_id: opts.orgUnitId ?? null, granted_by: null,
      }))).execute();
    }
    return t.code;
  });
  return { userId, tenantId, tenant, username, password, ...(totpSecret ? { totpSecret } : {}), grantIds };
}

// ---------------------------------------------------------------- TOTP

const lastStep = new Map<string, number>();

/**
 * A TOTP code the server has not seen yet for this secret. The server never accepts a time step twice
 * (RULES.md §7: no replay), so repeated sign-ins within 30 s use the next step's code (accepted with
 * one step of drift), and wait for the clock only when that one is used too.
 */
export async function nextTotpCode(secret: string): Promise<string> {
  const nowStep = Math.floor(Date.now() / 30_000);
  const step = Math.max(nowStep, (lastStep.get(secret) ?? 0) + 1);
  if (step > nowStep + 1) await sleep((step - 1) * 30_000 - Date.now() + 100);
  lastStep.set(secret, step);
  return totpCode(secret, step * 30_000 + 1_000);
}

// ---------------------------------------------------------------- HTTP

let ipCounter = 0;
/** A fresh client address: the login rate limit counts per address, so each agent gets its own. */
export function nextIp(): string {
  ipCounter += 1;
  return `10.${(process.pid % 200) + 1}.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`;
}

export type Res = LightMyRequestResponse;
type Headers = Record<string, string>;

export interface Agent {
  cookie: string;
  csrfToken: string;
  stage: SessionStage;
  ip: string;
  /** inject with the session cookie, the CSRF header (unless csrf: false) and the agent's address. */
  inject(opts: { method: InjectOptions['method']; url: string; payload?: InjectOptions['payload']; headers?: Headers; csrf?: boolean }): Promise<Res>;
  get(url: string, headers?: Headers): Promise<Res>;
  post(url: string, payload?: unknown, headers?: Headers): Promise<Res>;
  put(url: string, payload?: unknown, headers?: Headers): Promise<Res>;
  patch(url: string, payload?: unknown, headers?: Headers): Promise<Res>;
  delete(url: string, headers?: Headers): Promise<Res>;
}

export function agent(app: App, s: { cookie: string; csrfToken: string; stage: SessionStage; ip: string }): Agent {
  const a: Agent = {
    ...s,
    inject: ({ method, url, payload, headers = {}, csrf = true }) =>
      app.inject({
        method, url, remoteAddress: a.ip,
        headers: { cookie: a.cookie, ...(csrf ? { 'x-csrf-token': a.csrfToken } : {}), ...headers },
        ...(payload === undefined ? {} : { payload }),
      }),
    get: (url, headers) => a.inject({ method: 'GET', url, ...(headers ? { headers } : {}) }),
    post: (url, payload, headers) => a.inject({ method: 'POST', url, payload: payload as InjectOptions['payload'], ...(headers ? { headers } : {}) }),
    put: (url, payload, headers) => a.inject({ method: 'PUT', url, payload: payload as InjectOptions['payload'], ...(headers ? { headers } : {}) }),
    patch: (url, payload, headers) => a.inject({ method: 'PATCH', url, payload: payload as InjectOptions['payload'], ...(headers ? { headers } : {}) }),
    delete: (url, headers) => a.inject({ method: 'DELETE', url, ...(headers ? { headers } : {}) }),
  };
  return a;
}

/** The session cookie a response set, as a request header value. */
export function sessionCookie(res: Res): string {
  const c = res.cookies.find((x) => x.name === SESSION_COOKIE);
  if (!c) throw new Error(`no ${SESSION_COOKIE} cookie in the response (${res.statusCode} ${res.body})`);
  return `${SESSION_COOKIE}=${c.value}`;
}

export interface Credentials { tenant: string; username: string; password: string; totpSecret?: string | undefined }

/**
 * Signs in over HTTP: password, then the TOTP code when the account has one. Returns an agent in
 * whatever stage the sign-in reached ('active', or 'password_change' / 'totp_setup' when required).
 */
export async function login(app: App, c: Credentials, opts: { ip?: string; headers?: Headers } = {}): Promise<Agent> {
  const ip = opts.ip ?? nextIp();
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, headers: opts.headers ?? {}, payload: { tenant: c.tenant, username: c.username, password: c.password } });
  if (res.statusCode !== 200) throw new Error(`login of ${c.tenant}/${c.username} failed: ${res.statusCode} ${res.body}`);
  const body = res.json<{ stage: SessionStage; csrfToken: string }>();
  const a = agent(app, { cookie: sessionCookie(res), csrfToken: body.csrfToken, stage: body.stage, ip });
  if (a.stage === 'totp' && c.totpSecret) {
    const r = await a.post('/api/auth/totp', { code: await nextTotpCode(c.totpSecret) });
    if (r.statusCode !== 200) throw new Error(`TOTP step of ${c.tenant}/${c.username} failed: ${r.statusCode} ${r.body}`);
    a.stage = r.json<{ stage: SessionStage }>().stage;
  }
  return a;
}

/** Signs in and insists on a full session. */
export async function loginActive(app: App, c: Credentials, opts: { ip?: string } = {}): Promise<Agent> {
  const a = await login(app, c, opts);
  if (a.stage !== 'active') throw new Error(`${c.tenant}/${c.username} signed in only to stage ${a.stage}`);
  return a;
}
