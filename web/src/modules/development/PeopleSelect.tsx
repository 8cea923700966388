import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useRef, useState } from 'react';
import { useT } from '../../app/preferences';
import type { DevPersonOption } from '../../shared/api-models';
import { statusKey } from './labels';
import { devKeys, searchPeople } from './queries';

/** Chooses people (谈话人, 培养联系人, 入党介绍人) by name, pinyin or initials; shows each one's party status. */
export function PeopleSelect({ value, onChange, max }: { value?: string[]; onChange?: (v: string[]) => void; max: number }) {
  const t = useT();
  const [q, setQ] = useState('');
  const known = useRef(new Map<string, DevPersonOption>());
  const found = useQuery({ queryKey: devKeys.search(q), queryFn: () => searchPeople(q), enabled: q.trim() !== '' });
  for (const p of found.data?.items ?? []) known.current.set(p.id, p);
  const ids = new Set([...(value ?? []), ...(found.data?.items ?? []).map((p) => p.id)]);
  const options = [...ids].map((id) => known.current.get(id)).filter((p): p is DevPersonOption => p !== undefined).map((p) => ({
    value: p.id,
    label: `${p.name}（${t(statusKey(p.status))} · ${p.orgUnitName}）`,
  }));
  return (
    <Select
      data-testid="dev-form-people"
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setQ }}
      maxCount={max}
      value={value ?? []}
      onChange={(v: string[]) => onChange?.(v)}
      options={options}
      loading={found.isFetching}
      notFoundContent={null}
    />
  );
}
