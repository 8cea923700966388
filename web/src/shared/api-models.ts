/**
 * Model types derived from the API `paths` by route, never by schema name, so the generated
 * api-types.ts can replace the hand-written one without touching the screens.
 */
import type { paths } from './api-types';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type OpOf<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type OkOf<R> = R extends { 200: infer A } ? JsonOf<A> : R extends { 201: infer B } ? JsonOf<B> : never;

export type ResponseOf<P extends keyof paths, M extends Method> = OpOf<P, M> extends { responses: infer R } ? OkOf<R> : never;
export type BodyOf<P extends keyof paths, M extends Method> =
  OpOf<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

export type QueryOf<P extends keyof paths, M extends Method = 'get'> = OpOf<P, M> extends { parameters: { query?: infer Q } }
  ? NonNullable<Q>
  : never;

export type Session = ResponseOf<'/api/auth/session', 'get'>;
export type Stage = Session['stage'];
export type Locale = Session['user']['locale'];
export type LoginResult = ResponseOf<'/api/auth/login', 'post'>;
export type TotpSetup = ResponseOf<'/api/auth/totp/setup', 'post'>;
export type MySession = ResponseOf<'/api/me/sessions', 'get'>['items'][number];
export type OrgNode = ResponseOf<'/api/org/tree', 'get'>['items'][number];
export type OrgKind = OrgNode['kind'];
export type OrgUnit = ResponseOf<'/api/org/units/{id}', 'get'>;
export type MemberPage = ResponseOf<'/api/org/units/{id}/members', 'get'>;
export type Member = MemberPage['items'][number];
export type PartyStatus = Member['partyStatus'];
export type Role = ResponseOf<'/api/roles', 'get'>['items'][number];
export type AccountPage = ResponseOf<'/api/accounts', 'get'>;
export type Account = AccountPage['items'][number];
export type Grant = Account['roles'][number];
export type SecuritySettings = ResponseOf<'/api/settings/security', 'get'>;
export type AuditPage = ResponseOf<'/api/audit', 'get'>;
export type AuditRecord = AuditPage['items'][number];
export type AuditVerify = ResponseOf<'/api/audit/verify', 'get'>;
export type Tenant = ResponseOf<'/api/platform/tenants', 'get'>['items'][number];
export type CreateTenantBody = BodyOf<'/api/platform/tenants', 'post'>;
export type CreateTenantResult = ResponseOf<'/api/platform/tenants', 'post'>;
export type AuditQueryParams = QueryOf<'/api/audit'>;
export type AuditResult = NonNullable<AuditQueryParams['result']>;
