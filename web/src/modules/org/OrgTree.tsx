import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Skeleton, Tree, Typography, type TreeDataNode } from 'antd';
import { useCallback, useImperativeHandle, useState, type Ref } from 'react';
import { useT } from '../../app/preferences';
import type { OrgNode } from '../../shared/api-models';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { kindLabelKey } from './labels';
import { fetchChildren, orgKeys } from './queries';

export interface OrgTreeHandle {
  /** Fetch the children of a unit again (after a create or rename) and expand it. */
  reloadChildren: (parentId: string | null) => Promise<void>;
}

interface Props {
  selectedId: string | null;
  onSelect: (id: string) => void;
  ref?: Ref<OrgTreeHandle>;
}

/** The org tree, children loaded when a unit is opened. */
export function OrgTree({ selectedId, onSelect, ref }: Props) {
  const t = useT();
  const qc = useQueryClient();
  const [children, setChildren] = useState<Record<string, OrgNode[]>>({});
  const [expanded, setExpanded] = useState<string[]>([]);
  const roots = useQuery({ queryKey: orgKeys.children(null), queryFn: () => fetchChildren(null) });

  const load = useCallback(
    async (id: string, force = false) => {
      if (force) await qc.invalidateQueries({ queryKey: orgKeys.children(id) });
      const data = await qc.fetchQuery({ queryKey: orgKeys.children(id), queryFn: () => fetchChildren(id) });
      setChildren((prev) => ({ ...prev, [id]: data.items }));
    },
    [qc],
  );

  const reloadChildren = useCallback(
    async (parentId: string | null) => {
      if (parentId === null) {
        await qc.invalidateQueries({ queryKey: orgKeys.children(null) });
        return;
      }
      await load(parentId, true);
      setExpanded((prev) => (prev.includes(parentId) ? prev : [...prev, parentId]));
    },
    [load, qc],
  );

  useImperativeHandle(ref, () => ({ reloadChildren }), [reloadChildren]);

  if (roots.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (roots.isError) return <ErrorAlert error={roots.error} onRetry={() => void roots.refetch()} />;
  if (roots.data.items.length === 0) return <EmptyState text={t('org.treeEmpty')} />;

  const build = (nodes: OrgNode[]): TreeDataNode[] =>
    nodes.map((n) => {
      const loaded = children[n.id];
      return {
        key: n.id,
        isLeaf: !n.hasChildren && (loaded === undefined || loaded.length === 0),
        children: loaded !== undefined ? build(loaded) : undefined,
        title: (
          <span data-testid="org-node" data-id={n.id}>
            {n.name}
            <Typography.Text type="secondary" style={{ fontSize: '0.85em', marginInlineStart: 6 }}>
              {t(kindLabelKey(n.kind))} · {t('org.people', { count: n.memberCount })}
            </Typography.Text>
          </span>
        ),
      };
    });

  return (
    <div className="zg-org-tree-scroll">
      <Tree
        className="zg-org-tree"
        data-testid="org-tree"
        blockNode
        treeData={build(roots.data.items)}
        selectedKeys={selectedId !== null ? [selectedId] : []}
        expandedKeys={expanded}
        onExpand={(keys) => setExpanded(keys.map(String))}
        loadData={async (node) => {
          const id = String(node.key);
          if (children[id] === undefined) await load(id);
        }}
        onSelect={(keys) => {
          const id = keys[0];
          if (id !== undefined) onSelect(String(id));
        }}
      />
    </div>
  );
}

export function OrgTreeCard(props: Props) {
  const t = useT();
  return (
    <Card title={t('org.tree')} size="small" styles={{ body: { padding: 8 } }}>
      <OrgTree {...props} />
    </Card>
  );
}
