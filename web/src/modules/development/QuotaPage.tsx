import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, InputNumber, Progress, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../app/preferences';
import type { DevQuotas } from '../../shared/api-models';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { useNotify } from '../../shared/hooks/useNotify';
import { dayjs, DISPLAY_TZ } from '../../shared/time';
import { DevTabs } from './DevTabs';
import { devKeys, fetchQuotas, saveQuota } from './queries';

type Item = DevQuotas['items'][number];

function QuotaRow({ item, year }: { item: Item; year: number }) {
  const t = useT();
  const notify = useNotify();
  const qc = useQueryClient();
  const [value, setValue] = useState<number | null>(item.quota);
  const save = useMutation({
    mutationFn: () => saveQuota({ orgUnitId: item.orgUnitId, year, quota: value ?? 0 }),
    onSuccess: () => {
      notify.success(t('dev.quota.saved'));
      void qc.invalidateQueries({ queryKey: devKeys.quotas(year) });
    },
    onError: (e) => notify.failure(e),
  });
  const percent = item.quota ? Math.min(100, Math.round((item.progress / item.quota) * 100)) : 0;
  return (
    <Card size="small" data-testid="dev-quota-row">
      <Flex vertical gap={6}>
        <Typography.Text strong>{item.name}</Typography.Text>
        <Progress percent={percent} status={item.quota !== null && item.progress >= item.quota ? 'success' : 'active'} data-testid="dev-quota-progress" />
        <Typography.Text type="secondary">
          {item.quota === null ? t('dev.quota.noPlan', { progress: item.progress }) : t('dev.quota.progress', { progress: item.progress, quota: item.quota })}
        </Typography.Text>
        {item.canEdit && (
          <Space.Compact>
            <InputNumber min={0} max={100000} value={value} onChange={(v) => setValue(v)} data-testid="dev-quota-input" />
            <Button type="primary" loading={save.isPending} onClick={() => save.mutate()} data-testid="dev-quota-save">{t('dev.quota.save')}</Button>
          </Space.Compact>
        )}
      </Flex>
    </Card>
  );
}

export function QuotaPage() {
  const t = useT();
  const thisYear = dayjs().tz(DISPLAY_TZ).year();
  const [year, setYear] = useState(thisYear);
  const q = useQuery({ queryKey: devKeys.quotas(year), queryFn: () => fetchQuotas(year) });
  return (
    <div>
      <PageHeader title={t('dev.title')} extra={<DevTabs />} />
      <div className="zg-stack">
        <Flex gap={8} align="center" wrap>
          <Typography.Text>{t('dev.quota.year')}</Typography.Text>
          <Select value={year} onChange={setYear} data-testid="dev-quota-year" style={{ width: 110 }}
            options={[thisYear - 2, thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: String(y) }))} />
          <Typography.Text type="secondary">{t('dev.quota.hint')}</Typography.Text>
        </Flex>
        {q.isError ? (
          <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
        ) : q.isPending ? (
          <Card loading />
        ) : q.data.items.length === 0 ? (
          <Card><EmptyState text={t('dev.quota.empty')} /></Card>
        ) : (
          q.data.items.map((i) => <QuotaRow key={`${i.orgUnitId}-${year}-${i.quota ?? ''}`} item={i} year={year} />)
        )}
      </div>
    </div>
  );
}
