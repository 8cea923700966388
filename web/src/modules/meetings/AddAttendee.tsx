/** Adds someone of the branch to a meeting's list (a guest such as an 入党积极分子, or a member who joined since planning). */
import { UserAddOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Select } from 'antd';
import { useState } from 'react';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { useMeetingAction } from './useMeetingAction';
import type { MeetingDetail } from './types';

export function AddAttendee({ m }: { m: MeetingDetail }) {
  const t = useT();
  const [q, setQ] = useState('');
  const [personId, setPersonId] = useState<string | undefined>();
  const people = useQuery({
    queryKey: ['meetings', 'meeting-people', m.id, q],
    queryFn: () => unwrap(api.GET('/api/meetings/{id}/people', { params: { path: { id: m.id }, query: q ? { q } : {} } })),
  });
  const add = useMeetingAction(m.id, (id: string) => unwrap(api.POST('/api/meetings/{id}/attendees', { params: { path: { id: m.id } }, body: { personId: id } })));
  const onList = new Set(m.attendees.map((a) => a.personId));
  const options = (people.data?.items ?? []).filter((p) => !onList.has(p.id)).map((p) => ({ value: p.id, label: p.name }));
  return (
    <Flex gap={8} wrap style={{ marginTop: 8 }} data-testid="attendee-add">
      <Select
        showSearch
        filterOption={false}
        onSearch={setQ}
        value={personId}
        onChange={setPersonId}
        options={options}
        loading={people.isFetching}
        placeholder={t('mt.a.addAttendeePlaceholder')}
        notFoundContent={people.isFetching ? null : t('mt.a.addAttendeeNone')}
        style={{ flex: '1 1 200px' }}
        data-testid="attendee-add-person"
      />
      <Button icon={<UserAddOutlined />} disabled={!personId} loading={add.isPending} data-testid="attendee-add-submit"
        onClick={() => personId && add.mutate(personId, { onSuccess: () => setPersonId(undefined) })}>
        {t('mt.a.addAttendee')}
      </Button>
    </Flex>
  );
}
