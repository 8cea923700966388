import { ApartmentOutlined, DeleteOutlined, EditOutlined, MergeCellsOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Flex, Skeleton, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../app/preferences';
import type { OrgUnit } from '../../shared/api-models';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { fetchUnit, orgKeys } from './queries';
import { CreateChildModal, RenameModal } from './UnitForms';
import { StructureModal } from './StructureForms';
import { UnitOverview } from './UnitOverview';
import { LeadershipTab } from './LeadershipTab';
import { HistoryTab } from './HistoryTab';

interface Props {
  unitId: string;
  onSelect: (id: string) => void;
  onCreated: (unit: OrgUnit) => void;
  onRenamed: (unit: OrgUnit) => void;
  /** After a move, merge or dissolution: the unit to show next, and the parents whose children changed. */
  onRestructured: (next: string | null, parents: (string | null)[], kind: 'move' | 'merge' | 'dissolve', fromId: string) => void;
}

/** A unit's breadcrumbs, facts and the actions its abilities allow. */
export function UnitDetail({ unitId, onSelect, onCreated, onRenamed, onRestructured }: Props) {
  const t = useT();
  const [dialog, setDialog] = useState<'create' | 'rename' | 'move' | 'merge' | 'dissolve' | null>(null);
  const [tab, setTab] = useState('overview');
  const unit = useQuery({ queryKey: orgKeys.unit(unitId), queryFn: () => fetchUnit(unitId) });

  if (unit.isPending) {
    return (
      <Card size="small">
        <Skeleton active paragraph={{ rows: 3 }} />
      </Card>
    );
  }
  if (unit.isError) return <ErrorAlert error={unit.error} onRetry={() => void unit.refetch()} />;
  const u = unit.data;
  const canCreate = u.abilities.createChild;
  const ab = u.abilities;
  const anyAction = canCreate || ab.rename || ab.move || ab.merge || ab.dissolve;

  const crumbs = u.path.map((p, i) => ({
    key: p.id,
    title:
      i === u.path.length - 1 || p.id === u.id ? (
        p.name
      ) : (
        <a
          href={`?unit=${p.id}`}
          onClick={(e) => {
            e.preventDefault();
            onSelect(p.id);
          }}
        >
          {p.name}
        </a>
      ),
  }));

  return (
    <Card size="small" data-testid="org-unit-detail">
      {u.path.length > 1 && <Breadcrumb items={crumbs} style={{ marginBottom: 8 }} data-testid="org-breadcrumbs" />}
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="org-unit-name">
          {u.name}
        </Typography.Title>
        {anyAction && (
          <Flex gap={8} wrap>
            {canCreate && (
              <Button icon={<PlusOutlined />} onClick={() => setDialog('create')} data-testid="org-create-child">
                {t('org.createChild')}
              </Button>
            )}
            {u.abilities.rename && (
              <Button icon={<EditOutlined />} onClick={() => setDialog('rename')} data-testid="org-rename">
                {t('org.rename')}
              </Button>
            )}
            {ab.move && (
              <Button icon={<ApartmentOutlined />} onClick={() => setDialog('move')} data-testid="org-move">
                {t('orgx.move.title')}
              </Button>
            )}
            {ab.merge && (
              <Button icon={<MergeCellsOutlined />} onClick={() => setDialog('merge')} data-testid="org-merge">
                {t('orgx.merge.button')}
              </Button>
            )}
            {ab.dissolve && (
              <Button danger icon={<DeleteOutlined />} onClick={() => setDialog('dissolve')} data-testid="org-dissolve">
                {t('orgx.dissolve.title')}
              </Button>
            )}
          </Flex>
        )}
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'overview', label: <span data-testid="org-tab-overview">{t('orgx.tab.overview')}</span>, children: <UnitOverview unit={u} /> },
          ...(u.kind === 'party_group' ? [] : [{ key: 'leadership', label: <span data-testid="org-tab-leadership">{t('orgx.tab.leadership')}</span>, children: <LeadershipTab unitId={u.id} /> }]),
          { key: 'history', label: <span data-testid="org-tab-history">{t('orgx.tab.history')}</span>, children: <HistoryTab unitId={u.id} /> },
        ]}
      />
      {(dialog === 'move' || dialog === 'merge' || dialog === 'dissolve') && (
        <StructureModal
          kind={dialog}
          unit={u}
          open
          onClose={() => setDialog(null)}
          onDone={(next, kind, target) => {
            setDialog(null);
            onRestructured(next, [u.parentId, ...(kind === 'move' ? [target] : [])], kind, u.id);
          }}
        />
      )}
      {canCreate && (
        <CreateChildModal
          parent={u}
          open={dialog === 'create'}
          onClose={() => setDialog(null)}
          onCreated={(child) => {
            setDialog(null);
            onCreated(child);
          }}
        />
      )}
      {u.abilities.rename && (
        <RenameModal
          unit={u}
          open={dialog === 'rename'}
          onClose={() => setDialog(null)}
          onRenamed={(renamed) => {
            setDialog(null);
            onRenamed(renamed);
          }}
        />
      )}
    </Card>
  );
}
