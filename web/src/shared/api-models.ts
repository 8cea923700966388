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
// 发展党员 (development) and the holiday calendar.
export type DevPipeline = ResponseOf<'/api/development/pipeline', 'get'>;
export type DevPipelineItem = DevPipeline['items'][number];
export type DevReminder = ResponseOf<'/api/development/reminders', 'get'>['items'][number];
export type DevRecord = ResponseOf<'/api/development/people/{id}', 'get'>;
export type DevStep = DevRecord['steps'][number];
export type DevStepKind = DevStep['kind'];
export type DevViolation = DevStep['violations'][number];
export type DevStepBody = BodyOf<'/api/development/people/{id}/steps', 'post'>;
export type DevStepResult = ResponseOf<'/api/development/people/{id}/steps', 'post'>;
export type DevQuotas = ResponseOf<'/api/development/quotas', 'get'>;
export type DevPersonOption = ResponseOf<'/api/development/people-search', 'get'>['items'][number];
export type DevDocument = DevRecord['documents'][number];
export type DevDocumentUploaded = ResponseOf<'/api/development/people/{id}/documents', 'post'>;
export type DevSettingsReply = ResponseOf<'/api/development/settings', 'get'>;
export type HolidayYear = ResponseOf<'/api/calendar/holidays', 'get'>;
export type HolidayRow = HolidayYear['rows'][number];
// People and member records (人员与党员), my record.
export type PeopleListPage = ResponseOf<'/api/people', 'get'>;
export type PersonItem = PeopleListPage['items'][number];
export type PeopleQuery = QueryOf<'/api/people'>;
export type PersonRecord = ResponseOf<'/api/people/{id}', 'get'>;
export type PersonHonour = PersonRecord['honours'][number];
export type PersonEvent = PersonRecord['history'][number];
export type PersonBody = BodyOf<'/api/people', 'post'>;
export type PersonPatchBody = BodyOf<'/api/people/{id}', 'patch'>;
export type HonourBody = BodyOf<'/api/people/{id}/honours', 'post'>;
export type Membership = PersonRecord['membership'];
export type ArchivedReason = NonNullable<PersonRecord['archivedReason']>;
export type OrgLeadership = ResponseOf<'/api/org/units/{id}/leadership', 'get'>;
export type OrgFinding = OrgLeadership['findings'][number];
export type OrgTerm = NonNullable<OrgLeadership['term']>;
export type OrgPosition = OrgLeadership['positions'][number];
export type PositionRole = OrgPosition['role'];
export type PositionDuty = NonNullable<OrgPosition['duty']>;
export type OrgHistoryItem = ResponseOf<'/api/org/units/{id}/history', 'get'>['items'][number];
export type OrgTarget = ResponseOf<'/api/org/units/{id}/targets', 'get'>['items'][number];
export type RenewalReminders = ResponseOf<'/api/org/reminders', 'get'>;
export type RenewalReminder = RenewalReminders['items'][number];
export type OrgSettingsReply = ResponseOf<'/api/org/settings', 'get'>;
export type PositionCandidate = ResponseOf<'/api/org/units/{id}/candidates', 'get'>['items'][number];
export type ElectTermBody = BodyOf<'/api/org/units/{id}/terms', 'post'>;
// 组织关系转接 (transfers).
export type TransferListPage = ResponseOf<'/api/transfers', 'get'>;
export type TransferItem = TransferListPage['items'][number];
export type TransferState = TransferItem['state'];
export type TransferScope = TransferItem['scope'];
export type TransferDetail = ResponseOf<'/api/transfers/{id}', 'get'>;
export type TransferLetter = ResponseOf<'/api/transfers/{id}/letter', 'get'>;
export type TransferBody = BodyOf<'/api/transfers', 'post'>;
export type TransferCandidate = ResponseOf<'/api/transfers/candidates', 'get'>['items'][number];
export type TransferUnit = ResponseOf<'/api/transfers/units', 'get'>['items'][number];
export type TransferTenant = ResponseOf<'/api/transfers/directory', 'get'>['items'][number];
export type TransferSettingsReply = ResponseOf<'/api/transfers/settings', 'get'>;
// Excel import and 党内统计.
export type ImportJob = ResponseOf<'/api/imports/{id}', 'get'>;
export type ImportJobPage = ResponseOf<'/api/imports', 'get'>;
export type ImportReportPage = ResponseOf<'/api/imports/{id}/rows', 'get'>;
export type ImportReportLine = ImportReportPage['items'][number];
export type Statistics = ResponseOf<'/api/stats', 'get'>;
export type StatTable = Statistics['tables'][number];
export type StatsUnit = ResponseOf<'/api/stats/units', 'get'>['items'][number];
