import { useQuery } from '@tanstack/react-query';
import { Card, Statistic } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../app/preferences';
import { useActiveSession } from '../../app/session';
import { devKeys, fetchReminders } from '../development/queries';

/**
 * Home card: the 发展党员 steps due or overdue in the user's scope (RULES.md §2 deadlines), for whoever runs
 * development (the branch secretary first). Hidden without development.manage or with nothing due.
 */
export function DevelopmentReminderCard() {
  const t = useT();
  const navigate = useNavigate();
  const allowed = useActiveSession().permissions.includes('development.manage');
  const q = useQuery({ queryKey: devKeys.reminders, queryFn: fetchReminders, enabled: allowed });
  const due = (q.data?.items ?? []).filter((r) => r.state !== 'upcoming');
  if (!allowed || due.length === 0) return null;
  const overdue = due.filter((r) => r.state === 'overdue').length;
  return (
    <Card hoverable onClick={() => void navigate('/development')} data-testid="home-development-card">
      <Statistic title={t('dev.home.title')} value={due.length} suffix={t('dev.home.items')} />
      {overdue > 0 && <div style={{ color: '#cf1322', marginTop: 4 }}>{t('dev.home.overdue', { count: overdue })}</div>}
    </Card>
  );
}
