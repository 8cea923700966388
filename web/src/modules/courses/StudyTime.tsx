import { useT } from '../../app/preferences';
import { durationParts } from './queries';

/** Studied time as people say it: "1 小时 5 分钟", "5 分 20 秒". */
export function DurationText({ seconds }: { seconds: number }) {
  const t = useT();
  const { h, m, s } = durationParts(seconds);
  if (h > 0) return <>{t('crs.time.hm', { h, m })}</>;
  if (m > 0) return <>{t('crs.time.ms', { m, s })}</>;
  return <>{t('crs.time.s', { s })}</>;
}

export function MinutesText({ minutes }: { minutes: number }) {
  const t = useT();
  return <>{t('crs.studiedMinutes', { m: minutes })}</>;
}
