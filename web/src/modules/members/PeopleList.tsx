import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Flex, Input, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { usePreferences, useT } from '../../app/preferences';
import { usePermissions } from '../../app/session';
import { download } from '../../shared/api';
import type { PeopleQuery, PersonItem } from '../../shared/api-models';
import { EmptyState } from '../../shared/components/EmptyState';
import { PageHeader } from '../../shared/components/PageHeader';
import { LIST_PAGE_SIZE, ResponsiveList } from '../../shared/components/ResponsiveList';
import { useIsMobile } from '../../shared/hooks/useIsMobile';
import { useNotify } from '../../shared/hooks/useNotify';
import { genderKey, MEMBERSHIPS, membershipKey, PARTY_STATUS_COLOR, PARTY_STATUSES, partyStatusKey } from './labels';
import { fetchPeople, fetchVocabulary, peopleKeys, peopleSearchString } from './queries';
import { PersonForm } from './PersonForm';
import { UnitSelect } from './UnitSelect';

type Status = PersonItem['partyStatus'];

export function PersonTags({ p }: { p: Pick<PersonItem, 'partyStatus' | 'membership' | 'archived' | 'transferringOut'> }) {
  const t = useT();
  return (
    <Flex gap={4} wrap>
      <Tag color={PARTY_STATUS_COLOR[p.partyStatus]}>{t(partyStatusKey(p.partyStatus))}</Tag>
      {p.membership !== 'normal' && <Tag color="purple">{t(membershipKey(p.membership))}</Tag>}
      {p.transferringOut && <Tag color="orange" data-testid="person-transferring">{t('people.transferringTag')}</Tag>}
      {p.archived && <Tag>{t('people.archivedTag')}</Tag>}
    </Flex>
  );
}

/** 人员与党员: search (name, pinyin, initials, 身份证号), filters, paged list, export, create. */
export function PeopleList() {
  const t = useT();
  const { locale } = usePreferences();
  const isMobile = useIsMobile();
  const notify = useNotify();
  const navigate = useNavigate();
  const permissions = usePermissions();
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const [more, setMore] = useState(false);
  const [creating, setCreating] = useState(false);
  const vocab = useQuery({ queryKey: peopleKeys.vocabulary, queryFn: fetchVocabulary, staleTime: Infinity });
  const get = (k: string) => params.get(k) ?? undefined;
  const filter: Omit<PeopleQuery, 'page' | 'pageSize'> = {
    q: get('q'), unitId: get('unit'), status: params.getAll('status') as Status[], ageBand: get('ageBand') as PeopleQuery['ageBand'],
    education: get('education'), gender: get('gender') as PeopleQuery['gender'], membership: get('membership') as PeopleQuery['membership'],
    archived: params.get('archived') === '1' ? true : undefined,
  };
  const set = (k: string, v: string | string[] | undefined) => {
    const next = new URLSearchParams(params);
    next.delete(k);
    if (Array.isArray(v)) for (const x of v) next.append(k, x);
    else if (v !== undefined && v !== '') next.set(k, v);
    setParams(next, { replace: true });
    setPage(1);
  };
  const query = { ...filter, page, pageSize: LIST_PAGE_SIZE };
  const people = useQuery({ queryKey: peopleKeys.list(query), queryFn: () => fetchPeople(query), placeholderData: keepPreviousData });
  // Full ID numbers only for those who manage people; the server checks the whole list is theirs and audits it.
  const exporting = useMutation({
    mutationFn: (fullId: boolean) => download(`/api/people/export.xlsx${peopleSearchString(filter, fullId ? { fullId: 'true' } : {})}`, 'people.xlsx'),
    onError: (err) => notify.failure(err),
  });

  const columns: TableColumnsType<PersonItem> = [
    { title: t('org.col.name'), key: 'name', fixed: 'left', width: 110, render: (_, p) => <Link to={`/people/${p.id}`} data-testid="person-link">{p.name}</Link> },
    { title: t('org.col.gender'), key: 'gender', width: 60, render: (_, p) => t(genderKey(p.gender)) },
    { title: t('people.col.age'), key: 'age', width: 60, render: (_, p) => p.age ?? '—' },
    { title: t('org.col.partyStatus'), key: 'status', width: 150, render: (_, p) => <PersonTags p={p} /> },
    { title: t('org.col.orgUnit'), dataIndex: 'orgUnitName', key: 'org' },
    { title: t('people.field.idNumber'), key: 'id', width: 190, render: (_, p) => p.idNumberMasked ?? '—' },
    { title: t('org.col.education'), key: 'education', width: 100, render: (_, p) => p.education ?? '—' },
    { title: t('org.col.jobTitle'), key: 'job', render: (_, p) => p.jobTitle ?? '—' },
  ];
  const card = (p: PersonItem) => (
    <div onClick={() => void navigate(`/people/${p.id}`)} style={{ cursor: 'pointer' }}>
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong style={{ fontSize: '1.1em' }}>{p.name}</Typography.Text>
        <PersonTags p={p} />
      </Flex>
      <Typography.Text type="secondary">{[t(genderKey(p.gender)), p.age === null ? null : t('people.ageYears', { age: p.age }), p.education].filter(Boolean).join(' · ')}</Typography.Text>
      <div>{[p.orgUnitName, p.jobTitle].filter(Boolean).join(' · ')}</div>
    </div>
  );
  const total = people.data === undefined ? null : people.data.totalCapped ? t('people.totalCapped', { total: people.data.total }) : t('people.total', { total: people.data.total });
  const filtered = Object.entries(filter).some(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0));
  const wide = { width: isMobile ? '100%' : 170 };

  return (
    <div>
      <PageHeader
        title={t('people.title')}
        extra={
          <>
            <Button loading={exporting.isPending && exporting.variables === false} onClick={() => exporting.mutate(false)} data-testid="people-export">{t('people.export')}</Button>
            {permissions.includes('people.manage') && (
              <Button loading={exporting.isPending && exporting.variables === true} onClick={() => exporting.mutate(true)} data-testid="people-export-full">{t('people.exportFull')}</Button>
            )}
            {permissions.includes('people.manage') && <Button type="primary" onClick={() => setCreating(true)} data-testid="people-create">{t('people.create')}</Button>}
          </>
        }
      />
      <Card size="small">
        <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear defaultValue={filter.q} placeholder={t('people.searchPlaceholder')} enterButton={t('common.search')}
            style={{ maxWidth: isMobile ? '100%' : 340 }} data-testid="people-search" loading={people.isFetching && filter.q !== undefined}
            onSearch={(v) => set('q', v.trim())}
          />
          <Select mode="multiple" allowClear placeholder={t('people.field.partyStatus')} style={{ minWidth: isMobile ? '100%' : 200 }} value={filter.status}
            options={PARTY_STATUSES.map((s) => ({ value: s, label: t(partyStatusKey(s)) }))} onChange={(v: string[]) => set('status', v)} data-testid="people-status" />
          {isMobile && <Button type="link" onClick={() => setMore(!more)}>{more ? t('people.lessFilters') : t('people.moreFilters')}</Button>}
          {(!isMobile || more) && (
            <>
              <div style={{ width: isMobile ? '100%' : 240 }}><UnitSelect allowClear value={filter.unitId} onChange={(v) => set('unit', v)} testId="people-unit" /></div>
              <Select allowClear placeholder={t('people.ageBand')} style={wide} value={filter.ageBand} onChange={(v?: string) => set('ageBand', v)}
                options={(vocab.data?.ageBands ?? []).map((b) => ({ value: b.key, label: locale === 'en-US' ? b.en : b.zh }))} />
              <Select allowClear placeholder={t('people.field.education')} style={wide} value={filter.education} onChange={(v?: string) => set('education', v)}
                options={(vocab.data?.educationLevels ?? []).map((e) => ({ value: e, label: e }))} />
              <Select allowClear placeholder={t('people.field.gender')} style={wide} value={filter.gender} onChange={(v?: string) => set('gender', v)}
                options={[{ value: 'male', label: t('org.gender.male') }, { value: 'female', label: t('org.gender.female') }]} />
              <Select allowClear placeholder={t('people.field.membership')} style={wide} value={filter.membership} onChange={(v?: string) => set('membership', v)}
                options={MEMBERSHIPS.map((m) => ({ value: m, label: t(membershipKey(m)) }))} />
              <Checkbox checked={filter.archived === true} onChange={(e) => set('archived', e.target.checked ? '1' : undefined)}>{t('people.showArchived')}</Checkbox>
            </>
          )}
        </Flex>
        {total !== null && <Typography.Text type="secondary" data-testid="people-total">{total}</Typography.Text>}
        <ResponsiveList<PersonItem>
          query={people}
          page={page}
          onPageChange={setPage}
          columns={columns}
          empty={<EmptyState text={filtered ? t('people.noMatch') : t('people.empty')} />}
          testId="people-table"
          rowTestId="person-row"
          table={{ size: 'middle', scroll: { x: 'max-content' } }}
          renderCard={card}
        />
      </Card>
      <PersonForm open={creating} onClose={() => setCreating(false)} onSaved={(r) => { setCreating(false); notify.success(t('people.created')); void navigate(`/people/${r.id}`); }} />
    </div>
  );
}
