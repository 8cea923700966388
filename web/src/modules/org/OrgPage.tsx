import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card } from 'antd';
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../../app/preferences';
import type { OrgUnit } from '../../shared/api-models';
import { EmptyState } from '../../shared/components/EmptyState';
import { PageHeader } from '../../shared/components/PageHeader';
import { PersonalDataWatermark } from '../../shared/components/PersonalDataWatermark';
import { useNotify } from '../../shared/hooks/useNotify';
import { MembersTable } from './MembersTable';
import { OrgTreeCard, type OrgTreeHandle } from './OrgTree';
import { fetchChildren, fetchUnit, orgKeys } from './queries';
import { UnitDetail } from './UnitDetail';
import { RenewalReminders } from './RenewalReminders';
import { OrgSettingsButton } from './OrgSettingsButton';

/** Members only when the unit's abilities allow reading them (the detail query is shared from cache). */
function UnitMembers({ unitId }: { unitId: string }) {
  const unit = useQuery({ queryKey: orgKeys.unit(unitId), queryFn: () => fetchUnit(unitId) });
  const t = useT();
  if (unit.data === undefined) return null;
  if (!unit.data.abilities.readMembers) {
    return (
      <Card size="small" title={t('org.members')}>
        <EmptyState text={t('org.membersHidden')} />
      </Card>
    );
  }
  // A committee often has no direct members: then open with the whole subtree listed.
  const defaultSubtree = unit.data.memberCount === 0 && unit.data.subtreeMemberCount > 0;
  return <MembersTable key={unitId} unitId={unitId} defaultSubtree={defaultSubtree} />;
}

export function OrgPage() {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const tree = useRef<OrgTreeHandle>(null);
  const [params, setParams] = useSearchParams();
  const selected = params.get('unit');
  const roots = useQuery({ queryKey: orgKeys.children(null), queryFn: () => fetchChildren(null) });

  const select = (id: string) => setParams({ unit: id });

  // Open the first root unit when none is chosen, so the page is never empty on arrival.
  const firstRoot = roots.data?.items[0]?.id;
  useEffect(() => {
    if (selected === null && firstRoot !== undefined) setParams({ unit: firstRoot }, { replace: true });
  }, [selected, firstRoot, setParams]);

  const afterCreate = (unit: OrgUnit) => {
    notify.success(t('org.created'));
    void qc.invalidateQueries({ queryKey: ['org', 'unit'] });
    void tree.current?.reloadChildren(unit.parentId);
    select(unit.id);
  };

  const afterRename = (unit: OrgUnit) => {
    notify.success(t('org.renamed'));
    qc.setQueryData(orgKeys.unit(unit.id), unit);
    void qc.invalidateQueries({ queryKey: ['org', 'unit'] });
    void tree.current?.reloadChildren(unit.parentId);
  };

  const afterRestructure = (next: string | null, parents: (string | null)[], kind: 'move' | 'merge' | 'dissolve', fromId: string) => {
    notify.success(t(`orgx.${kind}.done`));
    if (next !== null) select(next);
    // A merged or dissolved unit is gone: its views (still mounted until the next unit shows) are not refetched into a 404.
    const gone = kind === 'move' ? null : fromId;
    void qc.invalidateQueries({ queryKey: ['org'], predicate: (q) => gone === null || !q.queryKey.includes(gone) });
    for (const p of parents) void tree.current?.reloadChildren(p);
  };

  return (
    <div>
      <PageHeader title={t('org.title')} extra={<OrgSettingsButton />} />
      <div className="zg-org">
        <OrgTreeCard ref={tree} selectedId={selected} onSelect={select} />
        <PersonalDataWatermark>
          <div className="zg-stack">
            {selected === null ? (
              <Card>
                <EmptyState text={t('org.selectHint')} />
              </Card>
            ) : (
              <>
                <UnitDetail unitId={selected} onSelect={select} onCreated={afterCreate} onRenamed={afterRename} onRestructured={afterRestructure} />
                <UnitMembers unitId={selected} />
              </>
            )}
            <RenewalReminders onSelect={select} />
          </div>
        </PersonalDataWatermark>
      </div>
    </div>
  );
}
