import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useT } from '../../app/preferences';
import { fetchTargets, orgKeys } from './queries';
import { kindLabelKey } from './labels';

/**
 * Units this one may be moved under or merged into, as the server lists them (allowed kinds, outside its own subtree,
 * in the actor's scope): searchable by name, each shown with its place in the tree.
 */
export function TargetSelect({ unitId, purpose, value, onChange, testId }: { unitId: string; purpose: 'move' | 'merge'; value?: string; onChange?: (v: string) => void; testId: string }) {
  const t = useT();
  const [q, setQ] = useState('');
  const targets = useQuery({ queryKey: orgKeys.targets(unitId, purpose, q), queryFn: () => fetchTargets(unitId, purpose, q) });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      loading={targets.isFetching}
      placeholder={t('orgx.target.placeholder')}
      notFoundContent={targets.isFetching ? null : t('orgx.target.none')}
      data-testid={testId}
      options={(targets.data?.items ?? []).map((u) => ({
        value: u.id,
        label: `${u.pathNames.slice(0, -1).concat(u.name).join(' / ')}（${t(kindLabelKey(u.kind))}）`,
      }))}
    />
  );
}
