/**
 * The permission catalogue. A route declares one of these (or an access level below) in
 * `config.permission`; roles grant sets of them on an org unit and its subtree.
 */
export const PERMISSIONS = {
  'org.read': { zh: '查看组织架构', en: 'View the organization tree' },
  'org.manage': { zh: '管理组织', en: 'Manage org units' },
  'people.read': { zh: '查看人员信息', en: 'View people' },
  'people.manage': { zh: '管理人员信息', en: 'Manage people' },
  'people.import': { zh: '导入人员信息', en: 'Import people from spreadsheets' },
  'development.manage': { zh: '办理发展党员', en: 'Run the member development workflow' },
  'development.override': { zh: '批准发展党员规则例外', en: 'Record exceptions to the development rules' },
  'transfers.manage': { zh: '办理组织关系转接', en: 'Handle transfers of organizational relations' },
  'stats.read': { zh: '查看党内统计', en: 'View party statistics' },
  'accounts.read': { zh: '查看账号', en: 'View accounts' },
  'accounts.manage': { zh: '管理账号', en: 'Manage accounts' },
  'roles.grant': { zh: '授予和收回角色', en: 'Grant and revoke roles' },
  'security.manage': { zh: '管理安全策略', en: 'Manage security policy' },
  'audit.read': { zh: '查阅和校验审计日志', en: 'Read and verify the audit log' },
  'platform.tenants': { zh: '管理平台租户', en: 'Manage tenants of the platform' },
  // dues (issue 4)
  'dues.read': { zh: '查看党费台账和报表', en: 'View the dues ledger and reports' },
  'dues.manage': { zh: '管理党费（月度核定、现金收缴确认、更正、报表导出、未交处置）', en: 'Manage dues (monthly runs, cash confirmation, corrections, exports, unpaid cases)' },
  'dues.bases': { zh: '维护党费缴费基数', en: 'Maintain dues bases' },
  'dues.approve': { zh: '审批党费减免和超期补交', en: 'Approve dues reductions, exemptions and late back payment' },
  // dues online payments and reconciliation (issue 4)
  'dues.reconcile': { zh: '党费对账（下载或上传支付对账单、核对差异、记录处理决定）', en: 'Reconcile dues payments with provider statements' },
  'dues.pay_settings': { zh: '设置党费在线支付（微信支付、支付宝商户参数）', en: 'Configure online payment of dues (merchant settings)' },
  // meetings and evaluation (issue 5: 组织生活, 民主评议)
  'meetings.read': { zh: '查看组织生活记录和落实情况', en: 'View meetings and their compliance' },
  'meetings.manage': { zh: '安排和记录组织生活', en: 'Plan and record meetings' },
  'evaluation.manage': { zh: '组织民主评议党员', en: 'Run the democratic evaluation of members' },
  // 学习教育: courses and exams (modules/courses, modules/exams)
  'courses.manage': { zh: '管理课程和学习指派', en: 'Manage courses and assign them' },
  'learning.progress': { zh: '查看学习进度和学时统计', en: 'View learning progress and study-hour statistics' },
  'exams.manage': { zh: '管理题库和考试', en: 'Manage the question bank and exams' },
  'exams.grade': { zh: '阅卷（简答题评分）', en: 'Grade answer sheets (short answers)' },
  // 学习教育: library, search and the Q&A assistant (modules/library, modules/assistant)
  'library.read': { zh: '查阅学习资源库', en: 'Read the learning library' },
  'library.manage': { zh: '管理学习资源（上传、发布、共享）', en: 'Manage library resources (upload, publish, share)' },
  'assistant.use': { zh: '使用智能党课助手', en: 'Ask the Q&A assistant' },
  'assistant.configure': { zh: '配置智能党课助手（模型接口、频率限制）', en: 'Configure the Q&A assistant (model endpoint, rate limit)' },
  // 学习教育: VR 党史展馆 (modules/exhibition)
  'exhibition.read': { zh: '参观 VR 党史展馆', en: 'Visit the VR party-history exhibition' },
  'exhibition.manage': { zh: '布展（展馆、展厅、展品，发布）', en: 'Curate exhibition halls (rooms, exhibits, publishing)' },
} as const;

export type Permission = keyof typeof PERMISSIONS;

/**
 * Access levels that are not permissions:
 *  - public: no session needed (health, login, API docs);
 *  - pending: a session in any stage (password change, TOTP setup) — the routes that complete login;
 *  - authenticated: a fully logged-in session, no particular permission (own profile, own sessions).
 */
export type AccessLevel = 'public' | 'pending' | 'authenticated';
export type RouteAccess = Permission | AccessLevel;

export function isPermission(value: string): value is Permission {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, value);
}
