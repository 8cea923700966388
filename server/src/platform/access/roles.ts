import type { Permission } from './permissions.js';

/**
 * Built-in roles. `admin` roles are privileged users under 等保 L3 (RULES.md §7): they need a second
 * factor and periodic password change. The three administrators are separated (三员分立): the
 * system administrator runs accounts and the org tree but cannot read the audit log; the security
 * administrator grants roles and sets security policy; the audit administrator reads and verifies
 * the audit log and can change neither accounts nor roles. No role can delete audit records.
 */
export interface RoleDef {
  key: string;
  zh: string;
  en: string;
  descZh: string;
  admin: boolean;
  /** Only the platform tenant may hold it. */
  platformOnly?: boolean;
  permissions: readonly Permission[];
}

const BASE_ROLES = [
  { key: 'platform_operator', zh: '平台运营', en: 'Platform operator', descZh: '开通和停用企业租户', admin: true, platformOnly: true, permissions: ['platform.tenants'] },
  { key: 'sys_admin', zh: '系统管理员', en: 'System administrator', descZh: '管理账号和组织架构，不能查看审计日志', admin: true, permissions: ['accounts.read', 'accounts.manage', 'org.read', 'org.manage', /* dues payments */ 'dues.pay_settings'] },
  { key: 'sec_admin', zh: '安全管理员', en: 'Security administrator', descZh: '授予角色、设置安全策略', admin: true, permissions: ['accounts.read', 'roles.grant', 'security.manage', 'org.read'] },
  { key: 'audit_admin', zh: '审计管理员', en: 'Audit administrator', descZh: '查阅和校验审计日志，不能修改账号和角色', admin: true, permissions: ['audit.read'] },
  { key: 'committee_secretary', zh: '党委书记', en: 'Party committee secretary', descZh: '本级及下级党组织的全面情况', admin: false, permissions: ['org.read', 'people.read', 'stats.read', 'development.override', /* dues */ 'dues.read', 'dues.approve', /* meetings */ 'meetings.read'] },
  { key: 'organization_member', zh: '组织委员', en: 'Organization committee member', descZh: '组织建设、党员管理', admin: false, permissions: ['org.read', 'org.manage', 'people.read', 'people.manage', 'people.import', 'development.manage', 'development.override', 'transfers.manage', 'stats.read', /* dues */ 'dues.read', 'dues.manage', 'dues.bases', /* dues payments */ 'dues.reconcile', /* meetings */ 'meetings.read', 'meetings.manage', 'evaluation.manage'] },
  { key: 'propaganda_member', zh: '宣传委员', en: 'Publicity committee member', descZh: '宣传教育', admin: false, permissions: ['org.read', /* meetings */ 'meetings.read', 'meetings.manage'] },
  { key: 'discipline_member', zh: '纪检委员', en: 'Discipline inspection member', descZh: '纪律检查', admin: false, permissions: ['org.read', 'people.read', /* meetings */ 'meetings.read'] },
  { key: 'branch_secretary', zh: '支部书记', en: 'Branch secretary', descZh: '本支部的党员和组织生活', admin: false, permissions: ['org.read', 'people.read', 'people.manage', 'development.manage', 'transfers.manage', 'stats.read', /* dues */ 'dues.read', 'dues.manage', /* meetings */ 'meetings.read', 'meetings.manage', 'evaluation.manage'] },
  { key: 'party_member', zh: '党员', en: 'Party member', descZh: '本人信息和所在支部', admin: false, permissions: ['org.read'] },
  { key: 'employee', zh: '职工', en: 'Employee', descZh: '本人信息', admin: false, permissions: [] },
  { key: 'union_staff', zh: '工会', en: 'Trade union', descZh: '职工服务', admin: false, permissions: ['org.read', 'people.read'] },
  { key: 'hr_staff', zh: '人力资源', en: 'Human resources', descZh: '人员信息维护', admin: false, permissions: ['org.read', 'people.read', 'people.manage', 'people.import', /* dues */ 'dues.read', 'dues.bases'] },
] as const satisfies readonly RoleDef[];

// 学习教育 library and assistant (modules/library, modules/assistant): everyone in an enterprise reads the library and
// may ask the assistant; the publicity and organisation members and the secretaries manage resources in their scope;
// the system administrator configures the assistant's model endpoint.
const LEARNING_LIBRARY_GRANTS: Readonly<Record<string, readonly Permission[]>> = {
  sys_admin: ['library.read', 'assistant.use', 'assistant.configure'],
  sec_admin: ['library.read', 'assistant.use'],
  audit_admin: ['library.read', 'assistant.use'],
  committee_secretary: ['library.read', 'library.manage', 'assistant.use'],
  organization_member: ['library.read', 'library.manage', 'assistant.use'],
  propaganda_member: ['library.read', 'library.manage', 'assistant.use'],
  discipline_member: ['library.read', 'assistant.use'],
  branch_secretary: ['library.read', 'library.manage', 'assistant.use'],
  party_member: ['library.read', 'assistant.use'],
  employee: ['library.read', 'assistant.use'],
  union_staff: ['library.read', 'assistant.use'],
  hr_staff: ['library.read', 'assistant.use'],
};

// 学习教育 courses and exams (modules/courses, modules/exams): every learner takes courses and exams as a signed-in person
// (no permission needed); the publicity member runs courses, the question bank, exams and grading in their scope; branch
// secretaries run courses for their branch; secretaries and organisation members see progress and study hours.
const LEARNING_COURSES_GRANTS: Readonly<Record<string, readonly Permission[]>> = {
  committee_secretary: ['learning.progress'],
  organization_member: ['learning.progress'],
  propaganda_member: ['courses.manage', 'learning.progress', 'exams.manage', 'exams.grade'],
  branch_secretary: ['courses.manage', 'learning.progress'],
};

// 学习教育 VR 党史展馆 (modules/exhibition): everyone in an enterprise visits the halls (what each sees follows the library);
// the publicity member and the secretaries curate halls for the units they serve.
const LEARNING_EXHIBITION_GRANTS: Readonly<Record<string, readonly Permission[]>> = {
  sys_admin: ['exhibition.read'],
  sec_admin: ['exhibition.read'],
  audit_admin: ['exhibition.read'],
  committee_secretary: ['exhibition.read', 'exhibition.manage'],
  organization_member: ['exhibition.read'],
  propaganda_member: ['exhibition.read', 'exhibition.manage'],
  discipline_member: ['exhibition.read'],
  branch_secretary: ['exhibition.read', 'exhibition.manage'],
  party_member: ['exhibition.read'],
  employee: ['exhibition.read'],
  union_staff: ['exhibition.read'],
  hr_staff: ['exhibition.read'],
};

/** The roles with each module's grants merged in (modules add their block above rather than edit the role lines). */
export const ROLES: readonly (RoleDef & { key: RoleKey })[] = BASE_ROLES.map((r) => ({
  ...r,
  permissions: [...r.permissions, ...(LEARNING_LIBRARY_GRANTS[r.key] ?? []), ...(LEARNING_COURSES_GRANTS[r.key] ?? []), ...(LEARNING_EXHIBITION_GRANTS[r.key] ?? [])],
}));

export type RoleKey = (typeof BASE_ROLES)[number]['key'];

const byKey = new Map<string, RoleDef>(ROLES.map((r) => [r.key, r]));

export function roleDef(key: string): RoleDef | undefined {
  return byKey.get(key);
}

/** The three separated administrator roles (三员分立): one person may hold at most one of them. */
export const SEPARATED_ADMIN_ROLES: readonly string[] = ['sys_admin', 'sec_admin', 'audit_admin'];

/** Roles that apply to the whole tenant rather than an org subtree. */
export function isTenantWideRole(key: string): boolean {
  return SEPARATED_ADMIN_ROLES.includes(key) || key === 'platform_operator';
}

/**
 * Why a grant may not be made, or null. Pure rule, used by the grant service and tested against §7.
 */
export function grantRefusal(input: { granterId: string; granteeId: string; role: string; granteeRoles: readonly string[]; tenantKind: 'enterprise' | 'platform' }):
  | 'unknown_role' | 'self_grant' | 'separation_of_duties' | 'platform_only' | null {
  const def = roleDef(input.role);
  if (!def) return 'unknown_role';
  if (input.granterId === input.granteeId) return 'self_grant';
  if (def.platformOnly && input.tenantKind !== 'platform') return 'platform_only';
  if (SEPARATED_ADMIN_ROLES.includes(input.role) && input.granteeRoles.some((r) => r !== input.role && SEPARATED_ADMIN_ROLES.includes(r))) {
    return 'separation_of_duties';
  }
  return null;
}
