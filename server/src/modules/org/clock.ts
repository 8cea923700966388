import type { LegalDate } from '../../platform/dates/legal-date.js';

const CHINA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's legal date in China (Asia/Shanghai): terms, reminders and positions are dated by the Chinese calendar day. */
export function todayInChina(now: Date = new Date()): LegalDate {
  return CHINA_DAY.format(now);
}
