/** zh-CN wording of the shared rule-settings view (规则设置: development §2, transfers §3). */
export const zhRules = {
  'rules.settings.readOnly': '这些是本企业现行的规则数值。只有最高一级党组织的管理员可以修改。',
  'rules.settings.editHint': '默认值按党内法规；确有本地规定时，可在允许的范围内调整（只能更严，不能放宽规定的底线）。修改记入审计日志。',
  'rules.settings.saved': '规则设置已保存',
  'rules.settings.reset': '恢复默认值',
  'rules.settings.resetDone': '已填入默认值，点“保存”后生效',
  'rules.settings.required': '请填写',
  'rules.settings.changed': '已调整',
  'rules.settings.defaultIs': '默认 {value}',
  'rules.settings.fixed': '规定为 {value}，不可调整',
  'rules.settings.range': '默认 {value}，可设 {min}–{max}{unit}',
} as const;
