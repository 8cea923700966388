import type { zhRules } from './zh-CN.rules';

/** en-US wording of the shared rule-settings view. */
export const enRules: Record<keyof typeof zhRules, string> = {
  'rules.settings.readOnly': 'These are the numbers your enterprise uses. Only an administrator of the top organisation may change them.',
  'rules.settings.editHint': 'The defaults follow the regulations; where local rules differ, adjust within the allowed range (stricter only, never below the regulations). Changes are audited.',
  'rules.settings.saved': 'Rule settings saved',
  'rules.settings.reset': 'Reset to defaults',
  'rules.settings.resetDone': 'Defaults filled in; they apply once you save',
  'rules.settings.required': 'Required',
  'rules.settings.changed': 'Adjusted',
  'rules.settings.defaultIs': 'Default {value}',
  'rules.settings.fixed': 'Fixed at {value} by the regulations',
  'rules.settings.range': 'Default {value}; {min}–{max}{unit} allowed',
};
