import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Checkbox, Flex, Input, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useT } from '../../app/preferences';
import { Link } from 'react-router';
import type { PartyStatus, PersonItem as Member } from '../../shared/api-models';
import { EmptyState } from '../../shared/components/EmptyState';
import { LIST_PAGE_SIZE, ResponsiveList } from '../../shared/components/ResponsiveList';
import { useIsMobile } from '../../shared/hooks/useIsMobile';
import { genderKey, PARTY_STATUS_COLOR, partyStatusKey } from './labels';
import { fetchPeople, peopleKeys } from '../members/queries';

function PartyStatusTag({ status }: { status: PartyStatus }) {
  const t = useT();
  return <Tag color={PARTY_STATUS_COLOR[status]}>{t(partyStatusKey(status))}</Tag>;
}

/** A unit's members: search by name, optionally the whole subtree, paged. Cards on phones. */
export function MembersTable({ unitId, defaultSubtree = false }: { unitId: string; defaultSubtree?: boolean }) {
  const t = useT();
  const isMobile = useIsMobile();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [subtree, setSubtree] = useState(defaultSubtree);
  // The people API (one search: name, pinyin, initials, ID number) filtered to this unit or its subtree.
  const params = { page, pageSize: LIST_PAGE_SIZE, unitId, subtree, q: q === '' ? undefined : q };
  const members = useQuery({
    queryKey: peopleKeys.list(params),
    queryFn: () => fetchPeople(params),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<Member> = [
    { title: t('org.col.name'), key: 'name', fixed: 'left', width: 110, render: (_, m) => <Link to={`/people/${m.id}`}>{m.name}</Link> },
    { title: t('org.col.gender'), key: 'gender', width: 70, render: (_, m) => t(genderKey(m.gender)) },
    { title: t('org.col.birthDate'), dataIndex: 'birthDate', key: 'birthDate', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t('org.col.ethnicity'), dataIndex: 'ethnicity', key: 'ethnicity', width: 90, render: (v: string | null) => v ?? '—' },
    { title: t('org.col.education'), dataIndex: 'education', key: 'education', width: 100, render: (v: string | null) => v ?? '—' },
    { title: t('org.col.jobTitle'), dataIndex: 'jobTitle', key: 'jobTitle', render: (v: string | null) => v ?? '—' },
    { title: t('org.col.partyStatus'), key: 'partyStatus', width: 130, render: (_, m) => <PartyStatusTag status={m.partyStatus} /> },
    ...(subtree ? [{ title: t('org.col.orgUnit'), dataIndex: 'orgUnitName', key: 'orgUnitName' }] : []),
  ];

  const card = (m: Member) => (
    <>
      <Flex justify="space-between" align="center">
        <Link to={`/people/${m.id}`}>
          <Typography.Text strong style={{ fontSize: '1.1em' }}>
            {m.name}
          </Typography.Text>
        </Link>
        <PartyStatusTag status={m.partyStatus} />
      </Flex>
      <Typography.Text type="secondary">
        {[t(genderKey(m.gender)), m.birthDate, m.ethnicity, m.education].filter(Boolean).join(' · ')}
      </Typography.Text>
      {(m.jobTitle !== null || subtree) && <div>{[m.jobTitle, subtree ? m.orgUnitName : null].filter(Boolean).join(' · ')}</div>}
    </>
  );

  return (
    <Card title={t('org.members')} size="small">
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('org.searchMembers')}
          style={{ maxWidth: isMobile ? '100%' : 280 }}
          enterButton={t('common.search')}
          data-testid="members-search"
          loading={members.isFetching && q !== ''}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
        />
        <Checkbox
          checked={subtree}
          data-testid="members-subtree"
          onChange={(e) => {
            setSubtree(e.target.checked);
            setPage(1);
          }}
        >
          {t('org.includeSubtree')}
        </Checkbox>
      </Flex>
      <ResponsiveList<Member>
        query={members}
        page={page}
        onPageChange={setPage}
        columns={columns}
        empty={<EmptyState text={q !== '' ? t('org.noMatch') : t('org.membersEmpty')} />}
        testId="members-table"
        rowTestId="member-row"
        table={{ size: 'middle', scroll: { x: 'max-content' } }}
        renderCard={card}
      />
    </Card>
  );
}
