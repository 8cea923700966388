import type { zhStats } from './zh-CN.stats';

/** en-US wording: 党内统计. */
export const enStats: Record<keyof typeof zhStats, string> = {
  'stats.title': 'Party statistics',
  'stats.subtitle': 'Generated from the records (sub-units included, archived people excluded)',
  'stats.unit': 'Org unit',
  'stats.year': 'Year',
  'stats.yearValue': '{year}',
  'stats.asOf': 'As of {date}',
  'stats.export': 'Export to Excel',
  'stats.pickUnit': 'Choose the org unit to report on',
  'stats.empty': 'No party members are recorded in this unit or below',
  'stats.summary.members': 'Members',
  'stats.summary.full': 'Full members',
  'stats.summary.probationary': 'Probationary',
  'stats.summary.female': 'Women',
  'stats.summary.minority': 'Ethnic minorities',
  'stats.summary.newMembers': 'Admitted this year',
  'stats.summary.orgUnits': 'Party organisations',
  'stats.chart': 'Chart',
  'stats.table': 'Table',
  'stats.col.item': 'Item',
  'stats.membershipNote': 'Mobile members and retained membership are counted by their current state.',
};
