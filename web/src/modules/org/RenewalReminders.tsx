import { useQuery } from '@tanstack/react-query';
import { Card, List, Tag, Typography } from 'antd';
import { useT } from '../../app/preferences';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { kindLabelKey } from './labels';
import { fetchReminders, orgKeys } from './queries';

/** 换届提醒: units in scope whose term ends within the tenant's reminder window, or has ended. */
export function RenewalReminders({ onSelect }: { onSelect: (id: string) => void }) {
  const t = useT();
  const q = useQuery({ queryKey: orgKeys.reminders, queryFn: fetchReminders });
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const items = q.data?.items ?? [];
  return (
    <Card size="small" title={t('orgx.reminders.title')} loading={q.isPending} data-testid="org-reminders" extra={q.data && <Typography.Text type="secondary">{t('orgx.reminders.window', { months: q.data.months })}</Typography.Text>}>
      {items.length === 0 ? (
        <EmptyState text={t('orgx.reminders.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          rowKey="unitId"
          renderItem={(r) => (
            <List.Item data-testid="org-reminder-row" onClick={() => onSelect(r.unitId)} style={{ cursor: 'pointer' }}>
              <List.Item.Meta
                title={<a href={`?unit=${r.unitId}`} onClick={(e) => e.preventDefault()}>{r.unitName}</a>}
                description={`${t(kindLabelKey(r.kind))} · ${t('orgx.reminders.endsOn', { date: r.endsOn })}`}
              />
              <Tag color={r.state === 'expired' ? 'red' : 'orange'}>
                {r.state === 'expired' ? t('orgx.reminders.overdue', { days: -r.daysLeft }) : t('orgx.reminders.left', { days: r.daysLeft })}
              </Tag>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
