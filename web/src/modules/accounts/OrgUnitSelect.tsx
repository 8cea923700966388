import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useState } from 'react';
import type { OrgNode } from '../../shared/api-models';
import { fetchChildren, orgKeys } from '../org/queries';

interface FlatNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

function flat(n: OrgNode): FlatNode {
  return { id: n.id, pId: n.parentId, value: n.id, title: n.name, isLeaf: !n.hasChildren };
}

/** Pick an org unit from the tree, children loaded on demand (GET /api/org/tree). */
export function OrgUnitSelect({
  value,
  onChange,
  placeholder,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  placeholder?: string;
}) {
  const qc = useQueryClient();
  const roots = useQuery({ queryKey: orgKeys.children(null), queryFn: () => fetchChildren(null) });
  const [more, setMore] = useState<FlatNode[]>([]);
  const nodes = [...(roots.data?.items.map(flat) ?? []), ...more];
  return (
    <TreeSelect<string>
      data-testid="grant-org-unit"
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={placeholder}
      loading={roots.isPending}
      treeDataSimpleMode
      treeData={nodes}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      loadData={async (node) => {
        const id = String(node.value);
        if (more.some((n) => n.pId === id)) return;
        const data = await qc.fetchQuery({ queryKey: orgKeys.children(id), queryFn: () => fetchChildren(id) });
        setMore((prev) => [...prev, ...data.items.map(flat).filter((n) => !prev.some((p) => p.id === n.id))]);
      }}
      styles={{ popup: { root: { maxHeight: 400, overflow: 'auto' } } }}
      style={{ width: '100%' }}
    />
  );
}
