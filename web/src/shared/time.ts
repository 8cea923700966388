import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

/** All times are stored in UTC and shown in Asia/Shanghai, whatever the browser's zone. */
export const DISPLAY_TZ = 'Asia/Shanghai';

export function formatDateTime(iso: string | null | undefined, withSeconds = false): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const d = dayjs(iso);
  if (!d.isValid()) return '—';
  return d.tz(DISPLAY_TZ).format(withSeconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm');
}

/** Start of the given Shanghai calendar day, as a UTC ISO string for API filters. */
export function shanghaiDayStart(date: string): string {
  return dayjs.tz(`${date} 00:00:00`, DISPLAY_TZ).toISOString();
}

/** Last millisecond of the given Shanghai calendar day, as a UTC ISO string. */
export function shanghaiDayEnd(date: string): string {
  return dayjs.tz(`${date} 00:00:00`, DISPLAY_TZ).add(1, 'day').subtract(1, 'millisecond').toISOString();
}

export { dayjs };
