import { useQuery } from '@tanstack/react-query';
import { Card, Statistic } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../app/preferences';
import { useActiveSession } from '../../app/session';
import { fetchReminders, orgKeys } from '../org/queries';

/** Home card: how many units in the user's scope are due for 换届 (or overdue). Hidden without org.read or with none due. */
export function RenewalCard() {
  const t = useT();
  const navigate = useNavigate();
  const session = useActiveSession();
  const allowed = session.permissions.includes('org.read');
  const q = useQuery({ queryKey: orgKeys.reminders, queryFn: fetchReminders, enabled: allowed });
  if (!allowed || !q.data || q.data.items.length === 0) return null;
  const expired = q.data.items.filter((i) => i.state === 'expired').length;
  return (
    <Card hoverable onClick={() => void navigate(`/org?unit=${q.data.items[0]?.unitId ?? ''}`)} data-testid="home-renewal-card">
      <Statistic title={t('orgx.home.title')} value={q.data.items.length} suffix={t('orgx.home.units')} />
      {expired > 0 && <div style={{ color: '#cf1322', marginTop: 4 }}>{t('orgx.home.expired', { count: expired })}</div>}
    </Card>
  );
}
