/**
 * Plain names for the audit actions the server records, so an audit administrator reads "登录" rather
 * than "auth.login". An action without a name here is shown by its code.
 */
const ACTION_NAMES: Record<string, { zh: string; en: string }> = {
  'auth.login': { zh: '登录', en: 'Sign in' },
  'auth.logout': { zh: '退出登录', en: 'Sign out' },
  'auth.totp': { zh: '动态口令验证', en: 'Authenticator code' },
  'auth.totp_enrol': { zh: '绑定动态口令', en: 'Authenticator set up' },
  'auth.password_change': { zh: '修改密码', en: 'Password change' },
  'account.create': { zh: '新建账号', en: 'Account created' },
  'account.update': { zh: '修改账号', en: 'Account changed' },
  'account.reset_password': { zh: '重置密码', en: 'Password reset' },
  'account.unlock': { zh: '解除锁定', en: 'Account unlocked' },
  'role.grant': { zh: '授予角色', en: 'Role granted' },
  'role.revoke': { zh: '收回角色', en: 'Role revoked' },
  'org.create': { zh: '新建组织', en: 'Org unit created' },
  'org.rename': { zh: '组织更名', en: 'Org unit renamed' },
  'settings.security': { zh: '修改安全策略', en: 'Security policy changed' },
  'session.revoke': { zh: '结束会话', en: 'Session ended' },
  'me.preferences': { zh: '修改个人设置', en: 'Preferences changed' },
  'audit.export': { zh: '导出审计日志', en: 'Audit log exported' },
  'tenant.create': { zh: '开通企业', en: 'Enterprise opened' },
};

export function actionName(code: string, locale: 'zh-CN' | 'en-US'): string {
  const n = ACTION_NAMES[code];
  return n ? (locale === 'en-US' ? n.en : n.zh) : code;
}
