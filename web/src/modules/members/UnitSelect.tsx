import { useQuery } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useState } from 'react';
import { useT } from '../../app/preferences';
import type { OrgNode } from '../../shared/api-models';
import { fetchChildren, orgKeys } from '../org/queries';

interface Node { id: string; pId: string | null; value: string; title: string; isLeaf: boolean }

const toNode = (n: OrgNode): Node => ({ id: n.id, pId: n.parentId, value: n.id, title: n.name, isLeaf: !n.hasChildren });

/** An org unit picker over the lazily loaded tree (the units the user can see). */
export function UnitSelect({ value, onChange, initialLabel, allowClear, testId }: {
  value?: string | undefined; onChange?: (v: string | undefined) => void; initialLabel?: string | undefined; allowClear?: boolean; testId?: string;
}) {
  const t = useT();
  const roots = useQuery({ queryKey: orgKeys.children(null), queryFn: () => fetchChildren(null) });
  const [loaded, setLoaded] = useState<Node[]>([]);
  const nodes = [...(roots.data?.items.map(toNode) ?? []), ...loaded];
  // The current unit may sit deep in the tree: show its name until the branch is opened.
  if (value !== undefined && initialLabel !== undefined && !nodes.some((n) => n.value === value)) {
    nodes.push({ id: value, pId: null, value, title: initialLabel, isLeaf: true });
  }
  return (
    <TreeSelect
      treeDataSimpleMode
      treeData={nodes}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      allowClear={allowClear}
      placeholder={t('people.unitPlaceholder')}
      loading={roots.isPending}
      style={{ width: '100%' }}
      data-testid={testId}
      loadData={async (node) => {
        const id = String(node.value);
        if (loaded.some((n) => n.pId === id)) return;
        const res = await fetchChildren(id);
        setLoaded((prev) => [...prev, ...res.items.map(toNode).filter((n) => !prev.some((p) => p.id === n.id))]);
      }}
    />
  );
}
