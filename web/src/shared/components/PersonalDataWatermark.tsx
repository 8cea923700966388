import { Watermark } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useSession } from '../../app/session';
import { dayjs, DISPLAY_TZ } from '../time';

/**
 * Wraps pages that show personal data. When the tenant turns on `watermark`, the user's name and
 * the current time (refreshed each minute) are drawn over the content, to deter photographing screens.
 */
export function PersonalDataWatermark({ children }: { children: ReactNode }) {
  const session = useSession().data;
  const enabled = session?.settings.watermark === true;
  const [now, setNow] = useState(() => dayjs());
  useEffect(() => {
    if (!enabled) return undefined;
    const timer = window.setInterval(() => setNow(dayjs()), 60_000);
    return () => window.clearInterval(timer);
  }, [enabled]);
  if (!enabled || session === null || session === undefined) return <>{children}</>;
  const who = `${session.user.displayName} ${session.user.username}`;
  return (
    <Watermark
      data-testid="watermark"
      content={[who, now.tz(DISPLAY_TZ).format('YYYY-MM-DD HH:mm')]}
      font={{ color: 'rgba(0,0,0,0.09)', fontSize: 15 }}
      gap={[90, 90]}
    >
      {children}
    </Watermark>
  );
}
