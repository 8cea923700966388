import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Descriptions, Flex, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../app/preferences';
import type { OrgUnit } from '../../shared/api-models';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { kindLabelKey } from './labels';
import { fetchUnit, orgKeys } from './queries';
import { CreateChildModal, RenameModal } from './UnitForms';

interface Props {
  unitId: string;
  onSelect: (id: string) => void;
  onCreated: (unit: OrgUnit) => void;
  onRenamed: (unit: OrgUnit) => void;
}

/** A unit's breadcrumbs, facts and the actions its abilities allow. */
export function UnitDetail({ unitId, onSelect, onCreated, onRenamed }: Props) {
  const t = useT();
  const [dialog, setDialog] = useState<'create' | 'rename' | null>(null);
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
        {(canCreate || u.abilities.rename) && (
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
          </Flex>
        )}
      </Flex>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 3 }}
        items={[
          { key: 'kind', label: t('org.kind'), children: t(kindLabelKey(u.kind)) },
          { key: 'members', label: t('org.memberCount'), children: t('org.people', { count: u.memberCount }) },
          { key: 'subtree', label: t('org.subtreeMemberCount'), children: t('org.people', { count: u.subtreeMemberCount }) },
        ]}
      />
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
