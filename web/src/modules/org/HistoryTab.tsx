import { useQuery } from '@tanstack/react-query';
import { Skeleton, Timeline, Typography } from 'antd';
import { useT } from '../../app/preferences';
import type { Translate } from '../../app/i18n/translate';
import type { OrgHistoryItem } from '../../shared/api-models';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { formatDateTime } from '../../shared/time';
import { fetchHistory, orgKeys } from './queries';

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

const KNOWN = ['created', 'renamed', 'moved', 'child_moved_in', 'child_moved_out', 'merged_into', 'absorbed', 'dissolved', 'term_elected', 'term_changed', 'position_added', 'position_ended'] as const;
type Known = (typeof KNOWN)[number];
const isKnown = (k: string): k is Known => (KNOWN as readonly string[]).includes(k);

/** One plain sentence per event; the detail's names are those at the time of the change. */
export function describeEvent(e: OrgHistoryItem, t: Translate): string {
  const d = e.detail;
  const role = isRole(d.role) ? t(`orgx.role.${d.role}`) : '';
  const vars = {
    name: str(d.name), from: str(d.from), to: str(d.to), fromParent: str(d.fromParentName), toParent: str(d.toParentName),
    unit: str(d.unitName), into: str(d.intoName), source: str(d.fromName), people: str(d.people), children: str(d.childUnits),
    reason: str(d.reason), startedOn: str(d.startedOn), endsOn: str(d.endsOn), person: str(d.personName), role, fromOn: str(d.fromOn), toOn: str(d.toOn),
    parent: str(d.parentName),
  };
  const base = isKnown(e.kind) ? t(`orgx.event.${e.kind}`, vars) : e.kind;
  const ex = d.exception as { reason?: unknown } | undefined;
  return ex && typeof ex.reason === 'string' ? `${base}${t('orgx.event.exception', { reason: ex.reason })}` : base;
}

function isRole(v: unknown): v is 'secretary' | 'deputy_secretary' | 'member' {
  return v === 'secretary' || v === 'deputy_secretary' || v === 'member';
}

/** 变更记录: the unit's history, newest first. */
export function HistoryTab({ unitId }: { unitId: string }) {
  const t = useT();
  const q = useQuery({ queryKey: orgKeys.history(unitId), queryFn: () => fetchHistory(unitId) });
  if (q.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data.items.length === 0) return <EmptyState text={t('orgx.history.empty')} />;
  return (
    <Timeline
      data-testid="org-history"
      items={q.data.items.map((e) => ({
        key: e.id,
        content: (
          <div data-testid="org-history-item">
            <div>{describeEvent(e, t)}</div>
            <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
              {formatDateTime(e.at)} · {e.actorName || t('orgx.history.system')}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}
