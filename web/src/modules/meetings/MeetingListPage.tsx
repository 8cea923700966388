import { BarChartOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Segmented, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useT } from '../../app/preferences';
import { usePermissions } from '../../app/session';
import { api, unwrap } from '../../shared/api';
import { EmptyState } from '../../shared/components/EmptyState';
import { PageHeader } from '../../shared/components/PageHeader';
import { LIST_PAGE_SIZE, ResponsiveList } from '../../shared/components/ResponsiveList';
import { formatDateTime } from '../../shared/time';
import { meetingKeys, STATUS_COLORS, type MeetingListItem } from './types';

type Tab = 'upcoming' | 'past' | 'all';

/** 我的会议 for every member; the meetings of the actor's scope for those with meetings.read. Tab and page in the address. */
export function MeetingListPage() {
  const t = useT();
  const navigate = useNavigate();
  const perms = usePermissions();
  const canRead = perms.includes('meetings.read');
  const canPlan = perms.includes('meetings.manage');
  const [params, setParams] = useSearchParams();
  const tab: Tab = (['upcoming', 'past', 'all'] as const).find((x) => x === params.get('tab')) ?? (canPlan ? 'all' : 'upcoming');
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const set = (next: { tab?: Tab; page?: number }) => {
    const p = new URLSearchParams();
    p.set('tab', next.tab ?? tab);
    if ((next.page ?? 1) > 1) p.set('page', String(next.page));
    setParams(p, { replace: true });
  };
  const list = useQuery({
    queryKey: tab === 'all' ? meetingKeys.list({ page }) : meetingKeys.mine(tab, page),
    queryFn: () => (tab === 'all'
      ? unwrap(api.GET('/api/meetings', { params: { query: { page, pageSize: LIST_PAGE_SIZE } } }))
      : unwrap(api.GET('/api/meetings/mine', { params: { query: { when: tab, page, pageSize: LIST_PAGE_SIZE } } }))),
    placeholderData: keepPreviousData,
  });
  const status = (r: MeetingListItem) => <Tag color={STATUS_COLORS[r.status]}>{t(`mt.status.${r.status}`)}</Tag>;
  const mine = (r: MeetingListItem) => (r.myLeaveState ? t(`mt.leave.${r.myLeaveState}`) : r.myAttendance ? t(`mt.att.${r.myAttendance}`) : null);
  const columns: TableColumnsType<MeetingListItem> = [
    { title: t('mt.f.title'), key: 'title', render: (_, r) => <Link to={`/meetings/${r.id}`} data-testid="meeting-open">{r.title}</Link> },
    { title: t('mt.f.kind'), key: 'kind', width: 130, render: (_, r) => t(`mt.kind.${r.kind}`) },
    { title: t('mt.f.unit'), key: 'unit', width: 180, render: (_, r) => r.orgUnitName },
    { title: t('mt.d.time'), key: 'time', width: 150, render: (_, r) => formatDateTime(r.heldStartAt ?? r.plannedStartAt) },
    { title: t('mt.d.attendees'), key: 'att', width: 130, render: (_, r) => t('mt.attendance', { present: r.present, expected: r.expected }) },
    { title: '', key: 'status', width: 150, render: (_, r) => <>{status(r)}{r.minutesSigned ? <Tag color="green">{t('mt.signed')}</Tag> : null}</> },
  ];
  const card = (r: MeetingListItem) => (
    <Link to={`/meetings/${r.id}`} style={{ color: 'inherit', display: 'block' }} data-testid="meeting-open">
      <Flex justify="space-between" align="start" gap={8}>
        <Typography.Text strong style={{ fontSize: '1.1em' }}>{r.title}</Typography.Text>
        {status(r)}
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block' }}>{t(`mt.kind.${r.kind}`)} · {r.orgUnitName}</Typography.Text>
      <Typography.Text type="secondary" style={{ display: 'block' }}>
        {formatDateTime(r.heldStartAt ?? r.plannedStartAt)} · {r.online ? t('mt.online') : r.place}
      </Typography.Text>
      {mine(r) ? <Tag style={{ marginTop: 4 }}>{t('mt.me', { status: mine(r) ?? '' })}</Tag> : null}
    </Link>
  );
  const tabs = [
    { value: 'upcoming', label: t('mt.tab.upcoming') },
    { value: 'past', label: t('mt.tab.past') },
    ...(canRead ? [{ value: 'all', label: t('mt.tab.all') }] : []),
  ];
  return (
    <div>
      <PageHeader
        title={t('mt.title')}
        extra={
          <Flex gap={8} wrap>
            {canRead ? <Button icon={<SettingOutlined />} onClick={() => void navigate('/meetings/settings')} data-testid="meeting-settings">{t('mt.settings.open')}</Button> : null}
            {canRead ? <Button icon={<BarChartOutlined />} onClick={() => void navigate('/meetings/compliance')} data-testid="meeting-compliance">{t('mt.compliance')}</Button> : null}
            {canPlan ? <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/meetings/new')} data-testid="meeting-plan">{t('mt.plan')}</Button> : null}
          </Flex>
        }
      />
      <Card size="small">
        <Segmented data-testid="meeting-tabs" value={tab} onChange={(v) => set({ tab: v as Tab, page: 1 })} options={tabs} style={{ marginBottom: 12 }} />
        <ResponsiveList
          query={list}
          page={page}
          onPageChange={(p) => set({ page: p })}
          columns={columns}
          renderCard={card}
          empty={<EmptyState text={tab === 'all' ? t('mt.empty.all') : t('mt.empty.mine')} />}
          testId="meeting-list"
          rowTestId="meeting-row"
        />
      </Card>
    </div>
  );
}
