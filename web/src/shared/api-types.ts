/**
 * TEMPORARY — written by hand from the API contract in the issue, in the shape openapi-typescript emits.
 * `npm run gen:api` (root) will overwrite this file with the server's generated OpenAPI types.
 * Code must only reach these types through `api-models.ts` (path-based lookups), so that the
 * generated file can replace this one without touching the screens.
 */

type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
type Json<T> = { headers: { [name: string]: unknown }; content: { 'application/json': T } };
type ErrorResponses = {
  400: Json<components['schemas']['Error']>;
  401: Json<components['schemas']['Error']>;
  403: Json<components['schemas']['Error']>;
  404: Json<components['schemas']['Error']>;
  423: Json<components['schemas']['Error']>;
  429: Json<components['schemas']['Error']>;
};
type Op<Params, Body, Res> = {
  parameters: Params;
  requestBody: { content: { 'application/json': Body } };
  responses: { 200: Json<Res> } & ErrorResponses;
};
type OpNoBody<Params, Res> = {
  parameters: Params;
  requestBody?: never;
  responses: { 200: Json<Res> } & ErrorResponses;
};
type NoMethods = {
  get?: never;
  put?: never;
  post?: never;
  delete?: never;
  options?: never;
  head?: never;
  patch?: never;
  trace?: never;
};
type PathItem<Ops> = { parameters: NoParams } & Omit<NoMethods, keyof Ops> & Ops;
type IdPath = { query?: never; header?: never; path: { id: string }; cookie?: never };
type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export interface components {
  schemas: {
    Error: { statusCode: number; error: string; message: string; field?: string };
    Stage: 'totp' | 'password_change' | 'totp_setup' | 'active';
    Locale: 'zh-CN' | 'en-US';
    Session: {
      stage: components['schemas']['Stage'];
      csrfToken: string;
      user: {
        id: string;
        username: string;
        displayName: string;
        locale: components['schemas']['Locale'];
        largeText: boolean;
        totpEnabled: boolean;
      };
      tenant: { id: string; code: string; name: string };
      permissions: string[];
      roles: { role: string; roleName: string; orgUnitId: string | null; orgUnitName: string | null }[];
      settings: { watermark: boolean };
    };
    OrgKind: 'group_committee' | 'committee' | 'general_branch' | 'branch' | 'party_group';
    OrgNode: {
      id: string;
      name: string;
      kind: components['schemas']['OrgKind'];
      parentId: string | null;
      hasChildren: boolean;
      memberCount: number;
    };
    OrgUnit: {
      id: string;
      name: string;
      kind: components['schemas']['OrgKind'];
      parentId: string | null;
      path: { id: string; name: string }[];
      memberCount: number;
      subtreeMemberCount: number;
      abilities: { createChild: boolean; rename: boolean; manageMembers: boolean };
    };
    Member: {
      id: string;
      name: string;
      gender: 'male' | 'female';
      birthDate: string | null;
      ethnicity: string | null;
      education: string | null;
      jobTitle: string | null;
      partyStatus: 'none' | 'applicant' | 'activist' | 'candidate' | 'probationary' | 'full';
      orgUnitName: string;
    };
    Role: { key: string; name: string; description: string; admin: boolean; permissions: string[] };
    Grant: { grantId: string; role: string; roleName: string; orgUnitId: string | null; orgUnitName: string | null };
    Account: {
      id: string;
      username: string;
      displayName: string;
      status: 'active' | 'disabled';
      locked: boolean;
      totpEnabled: boolean;
      lastLoginAt: string | null;
      roles: components['schemas']['Grant'][];
      abilities: { edit: boolean; resetPassword: boolean; unlock: boolean; grantRoles: boolean };
    };
    SecuritySettings: {
      lockoutThreshold: number;
      lockoutMinutes: number;
      idleMinutes: number;
      adminPasswordMaxAgeDays: number;
      totpRequiredForAdmins: boolean;
      watermark: boolean;
      fieldAlgorithm: 'aes' | 'sm4';
      auditRetentionDays: number;
    };
    AuditRecord: {
      id: string;
      seq: number;
      at: string;
      actorName: string | null;
      action: string;
      objectType: string | null;
      objectId: string | null;
      result: string;
      sourceIp: string | null;
      detail: unknown;
    };
    Tenant: { id: string; code: string; name: string; status: string; createdAt: string; isDemo: boolean };
  };
}

type S = components['schemas'];
type AuditQuery = {
  page?: number;
  pageSize?: number;
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  result?: string;
};

export interface paths {
  '/api/health': PathItem<{ get: OpNoBody<NoParams, { status: 'ok'; database: 'pglite' | 'postgresql'; version: string }> }>;
  '/api/auth/login': PathItem<{
    post: Op<NoParams, { tenant: string; username: string; password: string }, { stage: S['Stage']; csrfToken: string }>;
  }>;
  '/api/auth/totp': PathItem<{
    post: Op<NoParams, { code?: string; recoveryCode?: string }, { stage: S['Stage']; csrfToken: string }>;
  }>;
  '/api/auth/password': PathItem<{
    post: Op<NoParams, { currentPassword: string; newPassword: string }, { stage: S['Stage'] }>;
  }>;
  '/api/auth/totp/setup': PathItem<{
    post: OpNoBody<NoParams, { secret: string; otpauthUrl: string; qrDataUrl: string }>;
  }>;
  '/api/auth/totp/confirm': PathItem<{
    post: Op<NoParams, { code: string }, { recoveryCodes: string[]; stage: S['Stage'] }>;
  }>;
  '/api/auth/logout': PathItem<{ post: OpNoBody<NoParams, { ok: boolean }> }>;
  '/api/auth/session': PathItem<{ get: OpNoBody<NoParams, S['Session']> }>;
  '/api/me/preferences': PathItem<{
    patch: Op<NoParams, { locale?: S['Locale']; largeText?: boolean }, S['Session']>;
  }>;
  '/api/me/sessions': PathItem<{
    get: OpNoBody<
      NoParams,
      { items: { id: string; createdAt: string; lastSeenAt: string; ip: string | null; userAgent: string | null; current: boolean }[] }
    >;
  }>;
  '/api/me/sessions/{id}': PathItem<{ delete: OpNoBody<IdPath, { ok: boolean }> }>;
  '/api/org/tree': PathItem<{
    get: OpNoBody<{ query?: { parentId?: string }; header?: never; path?: never; cookie?: never }, { items: S['OrgNode'][] }>;
  }>;
  '/api/org/units': PathItem<{
    post: Op<NoParams, { parentId: string; name: string; kind: S['OrgKind'] }, S['OrgUnit']>;
  }>;
  '/api/org/units/{id}': PathItem<{
    get: OpNoBody<IdPath, S['OrgUnit']>;
    patch: Op<IdPath, { name: string }, S['OrgUnit']>;
  }>;
  '/api/org/units/{id}/members': PathItem<{
    get: OpNoBody<
      {
        query?: { page?: number; pageSize?: number; q?: string; subtree?: boolean };
        header?: never;
        path: { id: string };
        cookie?: never;
      },
      Page<S['Member']>
    >;
  }>;
  '/api/roles': PathItem<{ get: OpNoBody<NoParams, { items: S['Role'][] }> }>;
  '/api/accounts': PathItem<{
    get: OpNoBody<
      { query?: { page?: number; pageSize?: number; q?: string }; header?: never; path?: never; cookie?: never },
      Page<S['Account']>
    >;
    post: Op<NoParams, { username: string; displayName: string }, { account: S['Account']; temporaryPassword: string }>;
  }>;
  '/api/accounts/{id}': PathItem<{
    patch: Op<IdPath, { displayName?: string; status?: 'active' | 'disabled' }, S['Account']>;
  }>;
  '/api/accounts/{id}/reset-password': PathItem<{ post: OpNoBody<IdPath, { temporaryPassword: string }> }>;
  '/api/accounts/{id}/unlock': PathItem<{ post: OpNoBody<IdPath, { ok: boolean }> }>;
  '/api/accounts/{id}/roles': PathItem<{
    post: Op<IdPath, { role: string; orgUnitId: string | null }, S['Grant']>;
  }>;
  '/api/accounts/{id}/roles/{grantId}': PathItem<{
    delete: OpNoBody<
      { query?: never; header?: never; path: { id: string; grantId: string }; cookie?: never },
      { ok: boolean }
    >;
  }>;
  '/api/settings/security': PathItem<{
    get: OpNoBody<NoParams, S['SecuritySettings']>;
    put: Op<NoParams, S['SecuritySettings'], S['SecuritySettings']>;
  }>;
  '/api/audit': PathItem<{
    get: OpNoBody<{ query?: AuditQuery; header?: never; path?: never; cookie?: never }, Page<S['AuditRecord']>>;
  }>;
  '/api/audit/verify': PathItem<{
    get: OpNoBody<
      NoParams,
      { ok: boolean; checked: number; firstBad?: { seq: number; id: string; at: string; reason: string } }
    >;
  }>;
  '/api/audit/export.csv': PathItem<{
    get: {
      parameters: { query?: Omit<AuditQuery, 'page' | 'pageSize'>; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: { [name: string]: unknown }; content: { 'text/csv': string } } } & ErrorResponses;
    };
  }>;
  '/api/platform/tenants': PathItem<{
    get: OpNoBody<NoParams, { items: S['Tenant'][] }>;
    post: Op<
      NoParams,
      { code: string; name: string; adminUsername: string; adminDisplayName: string },
      { tenant: S['Tenant']; adminUsername: string; temporaryPassword: string }
    >;
  }>;
}

export type webhooks = Record<string, never>;
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
