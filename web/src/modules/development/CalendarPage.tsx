import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { usePermissions } from '../../app/session';
import { useT } from '../../app/preferences';
import type { HolidayRow, HolidayYear } from '../../shared/api-models';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { useNotify } from '../../shared/hooks/useNotify';
import { dayjs, DISPLAY_TZ } from '../../shared/time';
import { DevTabs } from './DevTabs';
import { devKeys, fetchHolidays, saveHolidays } from './queries';

/** One year's 放假 and 调休 rows: edited as a list, saved as a whole (the server validates each row and names it). */
function YearEditor({ data, year, canEdit }: { data: HolidayYear; year: number; canEdit: boolean }) {
  const t = useT();
  const notify = useNotify();
  const qc = useQueryClient();
  const [rows, setRows] = useState<HolidayRow[]>(data.rows);
  const save = useMutation({
    mutationFn: () => saveHolidays(year, rows),
    onSuccess: () => {
      notify.success(t('dev.calendar.saved'));
      void qc.invalidateQueries({ queryKey: devKeys.holidays(year) });
    },
    onError: (e) => notify.failure(e),
  });
  const set = (i: number, patch: Partial<HolidayRow>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Card size="small" data-testid="dev-calendar">
      <Flex vertical gap={8}>
        <Tag color={data.source === 'tenant' ? 'green' : 'default'} style={{ alignSelf: 'flex-start' }}>
          {data.source === 'tenant' ? t('dev.calendar.sourceTenant') : t('dev.calendar.sourceDefault')}
        </Tag>
        {rows.length === 0 && <EmptyState text={t('dev.calendar.empty')} />}
        {rows.map((r, i) => (
          <Flex key={i} gap={8} wrap align="center" data-testid="dev-calendar-row">
            <Input type="date" value={r.date} disabled={!canEdit} onChange={(e) => set(i, { date: e.target.value })} style={{ width: 160 }} aria-label={t('dev.calendar.date')} />
            <Select value={r.kind} disabled={!canEdit} onChange={(kind) => set(i, { kind })} style={{ width: 130 }} aria-label={t('dev.calendar.kind')}
              options={[{ value: 'holiday', label: t('dev.calendar.holiday') }, { value: 'workday', label: t('dev.calendar.workday') }]} />
            <Input value={r.name} disabled={!canEdit} maxLength={50} onChange={(e) => set(i, { name: e.target.value })} style={{ width: 160 }} placeholder={t('dev.calendar.name')} />
            {canEdit && <Button onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>{t('dev.calendar.remove')}</Button>}
          </Flex>
        ))}
        {canEdit && (
          <Flex gap={8} wrap>
            <Button type="dashed" data-testid="dev-calendar-add" onClick={() => setRows((rs) => [...rs, { date: `${year}-01-01`, kind: 'holiday', name: '' }])}>{t('dev.calendar.add')}</Button>
            <Button type="primary" loading={save.isPending} data-testid="dev-calendar-save" onClick={() => save.mutate()}>{t('dev.calendar.save')}</Button>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

export function CalendarPage() {
  const t = useT();
  const thisYear = dayjs().tz(DISPLAY_TZ).year();
  const [year, setYear] = useState(thisYear);
  const canEdit = usePermissions().includes('org.manage');
  const q = useQuery({ queryKey: devKeys.holidays(year), queryFn: () => fetchHolidays(year) });
  return (
    <div>
      <PageHeader title={t('dev.title')} extra={<DevTabs />} />
      <div className="zg-stack">
        <Flex gap={8} align="center" wrap>
          <Select value={year} onChange={setYear} data-testid="dev-calendar-year" style={{ width: 110 }}
            options={[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => ({ value: y, label: String(y) }))} />
          <Typography.Text type="secondary">{t('dev.calendar.hint')}</Typography.Text>
        </Flex>
        {q.isError ? (
          <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
        ) : q.isPending ? (
          <Card loading />
        ) : (
          <YearEditor key={`${year}-${q.dataUpdatedAt}`} data={q.data} year={year} canEdit={canEdit} />
        )}
      </div>
    </div>
  );
}
