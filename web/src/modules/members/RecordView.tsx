import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Descriptions, Flex, List, Popconfirm, Tabs, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import type { PersonEvent, PersonRecord } from '../../shared/api-models';
import { EmptyState } from '../../shared/components/EmptyState';
import { errorText } from '../../shared/errors';
import { useNotify } from '../../shared/hooks/useNotify';
import { useIsMobile } from '../../shared/hooks/useIsMobile';
import { formatDateTime } from '../../shared/time';
import { HonourModal } from './HonourModal';
import { eventKey, genderKey, membershipKey, PARTY_STATUS_COLOR, partyStatusKey } from './labels';
import { peopleKeys } from './queries';

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : String(v));

/** 身份证号 masked; those who manage the person may reveal it (each reveal is audited by the server). */
function IdNumber({ record }: { record: PersonRecord }) {
  const t = useT();
  const [full, setFull] = useState<string | null>(null);
  const reveal = useMutation({
    mutationFn: () => unwrap(api.POST('/api/people/{id}/reveal-id', { params: { path: { id: record.id } } })),
    onSuccess: (r) => setFull(r.idNumber),
  });
  if (record.idNumberMasked === null) return <>—</>;
  return (
    <Flex gap={8} align="center" wrap>
      <span data-testid="person-id-number">{full ?? record.idNumberMasked}</span>
      {record.abilities.revealId && full === null && (
        <Button size="small" type="link" loading={reveal.isPending} onClick={() => reveal.mutate()} data-testid="person-reveal-id">
          {t('people.reveal')}
        </Button>
      )}
      {reveal.isError && <Typography.Text type="danger">{errorText(reveal.error, t)}</Typography.Text>}
    </Flex>
  );
}

function eventSummary(e: PersonEvent, t: ReturnType<typeof useT>): string {
  const d = e.detail;
  if (e.kind === 'updated') return Object.keys(d).map((k) => t(`people.field.${k}` as Parameters<typeof t>[0])).join('、');
  if (e.kind.startsWith('honour.')) return [d.title, d.decidedOn].filter((x) => typeof x === 'string').join(' · ');
  if (e.kind === 'archived' && typeof d.reason === 'string') return t(`people.archived.${d.reason}` as Parameters<typeof t>[0]);
  return '';
}

/** The tabs of a person's record: 基本信息 / 党员信息 / 奖惩 / 变更记录. Read-only unless the abilities allow. */
export function RecordView({ record }: { record: PersonRecord }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const isMobile = useIsMobile();
  const [honourOpen, setHonourOpen] = useState(false);
  const column = isMobile ? 1 : 2;
  const refresh = () => void qc.invalidateQueries({ queryKey: peopleKeys.record(record.id) });
  const remove = useMutation({
    mutationFn: (honourId: string) => unwrap(api.DELETE('/api/people/{id}/honours/{honourId}', { params: { path: { id: record.id, honourId } } })),
    onSuccess: () => {
      notify.success(t('people.honourRemoved'));
      refresh();
    },
    onError: (err) => notify.failure(err),
  });
  const isMember = record.partyStatus === 'probationary' || record.partyStatus === 'full';

  const basic = (
    <Descriptions column={column} size="small" bordered data-testid="person-basic">
      <Descriptions.Item label={t('people.field.name')}>{record.name}</Descriptions.Item>
      <Descriptions.Item label={t('people.field.gender')}>{t(genderKey(record.gender))}</Descriptions.Item>
      <Descriptions.Item label={t('people.field.ethnicity')}>{record.ethnicity}</Descriptions.Item>
      <Descriptions.Item label={t('people.field.birthDate')}>{record.birthDate === null ? '—' : `${record.birthDate}（${t('people.ageYears', { age: record.age ?? 0 })}）`}</Descriptions.Item>
      <Descriptions.Item label={t('people.field.idNumber')}><IdNumber record={record} /></Descriptions.Item>
      <Descriptions.Item label={t('people.field.phone')}>{dash(record.phone)}</Descriptions.Item>
      <Descriptions.Item label={t('people.field.education')}>{dash(record.education)}</Descriptions.Item>
      <Descriptions.Item label={t('people.field.jobTitle')}>{dash(record.jobTitle)}</Descriptions.Item>
      <Descriptions.Item label={t('people.field.employeeNo')}>{dash(record.employeeNo)}</Descriptions.Item>
      <Descriptions.Item label={t('people.field.orgUnitId')}>{record.orgUnitPath.map((u) => u.name).join(' / ')}</Descriptions.Item>
    </Descriptions>
  );

  const party = (
    <Descriptions column={column} size="small" bordered data-testid="person-party">
      <Descriptions.Item label={t('people.field.partyStatus')}><Tag color={PARTY_STATUS_COLOR[record.partyStatus]}>{t(partyStatusKey(record.partyStatus))}</Tag></Descriptions.Item>
      <Descriptions.Item label={t('people.field.membership')}>{t(membershipKey(record.membership))}{record.membershipNote ? `（${record.membershipNote}）` : ''}</Descriptions.Item>
      <Descriptions.Item label={t('people.field.appliedOn')}>{dash(record.appliedOn)}</Descriptions.Item>
      <Descriptions.Item label={t('people.field.activistOn')}>{dash(record.activistOn)}</Descriptions.Item>
      <Descriptions.Item label={t('people.field.candidateOn')}>{dash(record.candidateOn)}</Descriptions.Item>
      <Descriptions.Item label={t('people.field.partyJoinedOn')}>{dash(record.partyJoinedOn)}</Descriptions.Item>
      <Descriptions.Item label={t('people.field.fullOn')}>{dash(record.fullOn)}</Descriptions.Item>
      {record.partyAgeYears !== null && <Descriptions.Item label={t('people.partyAge')}><span data-testid="person-party-age">{t('people.years', { n: record.partyAgeYears })}</span></Descriptions.Item>}
      {record.probationEndsOn !== null && <Descriptions.Item label={t('people.probationEnds')}>{record.probationEndsOn}</Descriptions.Item>}
    </Descriptions>
  );

  const honours = (
    <>
      {record.abilities.manageHonours && (
        <Button style={{ marginBottom: 12 }} onClick={() => setHonourOpen(true)} data-testid="person-honour-add">{t('people.honourAdd')}</Button>
      )}
      {record.honours.length === 0 ? (
        <EmptyState text={t('people.honoursEmpty')} />
      ) : (
        <List
          dataSource={record.honours}
          data-testid="person-honours"
          renderItem={(h) => (
            <List.Item
              actions={record.abilities.manageHonours ? [
                <Popconfirm key="del" title={t('people.honourRemoveConfirm')} onConfirm={() => remove.mutate(h.id)} okText={t('common.ok')} cancelText={t('common.cancel')}>
                  <Button size="small" type="link" danger>{t('people.remove')}</Button>
                </Popconfirm>,
              ] : []}
            >
              <List.Item.Meta
                title={<Flex gap={8} wrap><Tag color={h.kind === 'award' ? 'green' : 'volcano'}>{t(h.kind === 'award' ? 'people.honour.award' : 'people.honour.punishment')}</Tag>{h.title}</Flex>}
                description={[h.decidedOn, h.issuer, h.note].filter((x) => x !== '').join(' · ')}
              />
            </List.Item>
          )}
        />
      )}
      <HonourModal personId={record.id} open={honourOpen} onClose={() => setHonourOpen(false)} onSaved={() => { setHonourOpen(false); refresh(); }} />
    </>
  );

  const history = record.history.length === 0 ? <EmptyState text={t('people.historyEmpty')} /> : (
    <Timeline
      data-testid="person-history"
      items={record.history.map((e) => {
        const key = eventKey(e.kind);
        const summary = eventSummary(e, t);
        return {
          key: e.id,
          children: (
            <>
              <Typography.Text strong>{key === null ? e.kind : t(key)}</Typography.Text>
              {summary !== '' && <div>{summary}</div>}
              <Typography.Text type="secondary">{[formatDateTime(e.at), e.actorName].filter(Boolean).join(' · ')}</Typography.Text>
            </>
          ),
        };
      })}
    />
  );

  return (
    <Tabs
      data-testid="person-tabs"
      items={[
        { key: 'basic', label: t('people.tab.basic'), children: basic },
        { key: 'party', label: t('people.tab.party'), children: isMember || record.partyStatus !== 'none' ? party : <EmptyState text={t('people.notMember')} /> },
        { key: 'honours', label: t('people.tab.honours'), children: honours },
        { key: 'history', label: t('people.tab.history'), children: history },
      ]}
    />
  );
}
