import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Col, Collapse, Flex, List, Row, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { usePreferences, useT } from '../../app/preferences';
import type { DevPipelineItem, DevReminder } from '../../shared/api-models';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PersonalDataWatermark } from '../../shared/components/PersonalDataWatermark';
import { useIsMobile } from '../../shared/hooks/useIsMobile';
import { DevTabs } from './DevTabs';
import { BOARD_STATUSES, statusKey, stepKey } from './labels';
import { devKeys, fetchPipeline, fetchReminders } from './queries';

const STATE_COLOR = { overdue: 'red', due: 'orange', upcoming: 'blue' } as const;

function Reminders() {
  const t = useT();
  const { locale } = usePreferences();
  const q = useQuery({ queryKey: devKeys.reminders, queryFn: fetchReminders });
  const items: DevReminder[] = (q.data?.items ?? []).filter((r) => r.state !== 'upcoming').concat((q.data?.items ?? []).filter((r) => r.state === 'upcoming'));
  return (
    <Card size="small" title={t('dev.reminders')} data-testid="dev-reminders">
      {q.isError ? (
        <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <EmptyState text={t('dev.reminders.none')} />
      ) : (
        <List
          size="small"
          dataSource={items.slice(0, 12)}
          renderItem={(r) => (
            <List.Item data-testid="dev-reminder" key={`${r.personId}-${r.code}`}>
              <Flex vertical gap={2} style={{ width: '100%' }}>
                <Flex gap={8} wrap align="center">
                  <Tag color={STATE_COLOR[r.state]}>{t(`dev.reminder.${r.state}`)}</Tag>
                  <Link to={`/development/people/${r.personId}`}>{r.name}</Link>
                  <Typography.Text type="secondary">{r.orgUnitName}</Typography.Text>
                </Flex>
                <Typography.Text>{locale === 'en-US' ? r.message.en : r.message.zh}</Typography.Text>
                {r.deadline !== null && <Typography.Text type="secondary">{t('dev.reminder.deadline', { date: r.deadline })}</Typography.Text>}
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function PersonCard({ p }: { p: DevPipelineItem }) {
  const t = useT();
  return (
    <Link to={`/development/people/${p.id}`} data-testid="dev-board-person" className="zg-dev-person">
      <Card size="small" hoverable>
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text strong>{p.name}</Typography.Text>
          {p.overdue + p.due > 0 && <Badge count={p.overdue + p.due} color={p.overdue > 0 ? 'red' : 'orange'} />}
        </Flex>
        <Typography.Text type="secondary" style={{ display: 'block' }}>{p.orgUnitName}</Typography.Text>
        {p.nextStep !== null && <Typography.Text style={{ display: 'block' }}>{t('dev.board.next', { step: t(stepKey(p.nextStep)) })}</Typography.Text>}
        {p.daysWaiting !== null && <Typography.Text type="secondary">{t('dev.board.waiting', { days: p.daysWaiting })}</Typography.Text>}
      </Card>
    </Link>
  );
}

function Board() {
  const t = useT();
  const isMobile = useIsMobile();
  const q = useQuery({ queryKey: devKeys.pipeline, queryFn: fetchPipeline });
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Card loading />;
  if (q.data.items.length === 0) return <Card><EmptyState text={t('dev.board.empty')} /></Card>;
  const groups = BOARD_STATUSES.map((s) => ({ status: s, items: q.data.items.filter((i) => i.status === s) }));
  if (isMobile) {
    // Phones: one group per status, the earlier stages open.
    return (
      <Collapse
        data-testid="dev-board"
        defaultActiveKey={groups.filter((g) => g.items.length > 0).map((g) => g.status)}
        items={groups.map((g) => ({
          key: g.status,
          label: <span data-testid={`dev-column-${g.status}`}>{t(statusKey(g.status))} · {t('dev.board.count', { count: g.items.length })}</span>,
          children: <Flex vertical gap={8}>{g.items.map((p) => <PersonCard key={p.id} p={p} />)}</Flex>,
        }))}
      />
    );
  }
  return (
    <Row gutter={12} data-testid="dev-board" wrap={false} style={{ overflowX: 'auto' }}>
      {groups.map((g) => (
        <Col key={g.status} flex="1 0 220px">
          <Card size="small" title={<span data-testid={`dev-column-${g.status}`}>{t(statusKey(g.status))}</span>} extra={t('dev.board.count', { count: g.items.length })}>
            <Flex vertical gap={8}>
              {g.items.length === 0 ? <EmptyState text="—" /> : g.items.map((p) => <PersonCard key={p.id} p={p} />)}
            </Flex>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

export function BoardPage() {
  const t = useT();
  return (
    <div>
      <PageHeader title={t('dev.title')} extra={<DevTabs />} />
      <PersonalDataWatermark>
        <div className="zg-stack">
          <Reminders />
          <Board />
        </div>
      </PersonalDataWatermark>
    </div>
  );
}
