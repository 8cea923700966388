import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, List, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import type { OrgLeadership, OrgPosition, OrgTerm } from '../../shared/api-models';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { useNotify } from '../../shared/hooks/useNotify';
import { fetchLeadership, orgKeys } from './queries';
import { TermModal, type TermDialog } from './TermForms';

const STATE_COLOR: Record<OrgTerm['state'], string> = { running: 'green', renewal_due: 'orange', expired: 'red', closed: 'default' };

export function TermStateTag({ state }: { state: OrgTerm['state'] }) {
  const t = useT();
  return <Tag color={STATE_COLOR[state]} data-testid="org-term-state">{t(`orgx.term.state.${state}`)}</Tag>;
}

function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

function PositionItem({ p, unitId, canManage }: { p: OrgPosition; unitId: string; canManage: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const end = useMutation({
    mutationFn: () => unwrap(api.POST('/api/org/units/{id}/positions/{positionId}/end', { params: { path: { id: unitId, positionId: p.id } }, body: { toOn: todayIso() } })),
    onSuccess: () => {
      notify.success(t('orgx.position.ended'));
      void qc.invalidateQueries({ queryKey: ['org'] });
    },
    onError: notify.failure,
  });
  return (
    <List.Item
      data-testid="org-position-row"
      actions={canManage ? [
        <Popconfirm key="end" title={t('orgx.position.endConfirm', { name: p.personName })} onConfirm={() => end.mutate()} okText={t('common.ok')} cancelText={t('common.cancel')}>
          <Button size="small" loading={end.isPending}>{t('orgx.position.end')}</Button>
        </Popconfirm>,
      ] : []}
    >
      <List.Item.Meta
        title={<Flex gap={8} wrap align="center"><span>{p.personName}</span><Tag color="red">{t(`orgx.role.${p.role}`)}</Tag>{p.duty && <Tag>{t(`orgx.duty.${p.duty}`)}</Tag>}</Flex>}
        description={
          <>
            {t('orgx.position.since', { date: p.fromOn })}
            {p.exceptionReason && <div><Tag color="gold">{t('orgx.exception')}</Tag>{p.exceptionReason}</div>}
          </>
        }
      />
    </List.Item>
  );
}

function TermFacts({ l }: { l: OrgLeadership }) {
  const t = useT();
  if (l.term === null) return <EmptyState text={t('orgx.term.none')} />;
  const term = l.term;
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2 }}
      data-testid="org-term"
      items={[
        { key: 'start', label: t('orgx.term.startedOn'), children: term.startedOn },
        { key: 'end', label: t('orgx.term.endsOn'), children: <Flex gap={8} wrap><span data-testid="org-term-ends">{term.endsOn}</span><TermStateTag state={term.state} /></Flex> },
        { key: 'years', label: t('orgx.term.years'), children: l.termYears === null ? '—' : t('orgx.term.yearsValue', { years: l.termYears }) },
        { key: 'reminder', label: t('orgx.term.reminderFrom'), children: term.reminderFrom },
        ...(term.endsOn !== term.regularEndsOn ? [{ key: 'change', label: t('orgx.term.changed'), children: t('orgx.term.changedValue', { regular: term.regularEndsOn, reason: term.changeReason ?? '' }) }] : []),
      ]}
    />
  );
}

/** 班子与任期: the current term and its end, the positions, and the 换届 / 任命 / 延期 forms when the server allows. */
export function LeadershipTab({ unitId }: { unitId: string }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [dialog, setDialog] = useState<TermDialog | null>(null);
  const q = useQuery({ queryKey: orgKeys.leadership(unitId), queryFn: () => fetchLeadership(unitId) });
  if (q.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const l = q.data;
  if (l.termYears === null) return <EmptyState text={t('orgx.term.partyGroup')} />;
  const manage = l.abilities.manage;
  return (
    <div className="zg-stack">
      <Card size="small" title={t('orgx.term.current')} extra={manage && (
        <Flex gap={8} wrap>
          <Button type="primary" onClick={() => setDialog('elect')} data-testid="org-elect">{t('orgx.elect.title')}</Button>
          {l.term && <Button onClick={() => setDialog('change')} data-testid="org-change-term">{t('orgx.change.button')}</Button>}
        </Flex>
      )}>
        <TermFacts l={l} />
      </Card>
      <Card size="small" title={t('orgx.positions')} extra={manage && <Button onClick={() => setDialog('position')} data-testid="org-add-position">{t('orgx.position.title')}</Button>}>
        <List
          dataSource={l.positions}
          rowKey="id"
          locale={{ emptyText: <EmptyState text={t('orgx.positions.empty')} /> }}
          renderItem={(p) => <PositionItem p={p} unitId={unitId} canManage={manage} />}
          data-testid="org-positions"
        />
      </Card>
      {l.pastTerms.length > 0 && (
        <Card size="small" title={t('orgx.term.past')}>
          {l.pastTerms.map((p) => (
            <Typography.Paragraph key={p.id} style={{ marginBottom: 4 }}>{t('orgx.term.pastItem', { from: p.startedOn, to: p.endedOn ?? p.endsOn })}</Typography.Paragraph>
          ))}
        </Card>
      )}
      {manage && dialog !== null && (
        <TermModal
          dialog={dialog}
          unitId={unitId}
          open
          canOverride={l.abilities.overrideRules}
          onClose={() => setDialog(null)}
          onDone={() => {
            notify.success(t('orgx.saved'));
            setDialog(null);
            void qc.invalidateQueries({ queryKey: ['org'] });
          }}
        />
      )}
    </div>
  );
}
