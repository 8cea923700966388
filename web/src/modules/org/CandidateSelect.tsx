import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useT } from '../../app/preferences';
import { fetchCandidates, orgKeys } from './queries';

/** 正式党员 of the unit's subtree, searched on the server by name, pinyin or initials. */
export function CandidateSelect({ unitId, value, onChange, testId }: { unitId: string; value?: string; onChange?: (v: string) => void; testId: string }) {
  const t = useT();
  const [q, setQ] = useState('');
  const found = useQuery({ queryKey: orgKeys.candidates(unitId, q), queryFn: () => fetchCandidates(unitId, q) });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      loading={found.isFetching}
      placeholder={t('orgx.person.placeholder')}
      notFoundContent={found.isFetching ? null : t('orgx.person.none')}
      data-testid={testId}
      options={(found.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.unitName}）` }))}
    />
  );
}
