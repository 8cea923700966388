import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Skeleton } from 'antd';
import { useT } from '../../app/preferences';
import type { OrgUnit } from '../../shared/api-models';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { kindLabelKey } from './labels';
import { fetchLeadership, orgKeys } from './queries';
import { TermStateTag } from './LeadershipTab';

/** 概况: kind, people and party counts, the term's end, and the §1 findings the server computed (never re-derived here). */
export function UnitOverview({ unit }: { unit: OrgUnit }) {
  const t = useT();
  const q = useQuery({ queryKey: orgKeys.leadership(unit.id), queryFn: () => fetchLeadership(unit.id) });
  return (
    <div className="zg-stack">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'kind', label: t('org.kind'), children: t(kindLabelKey(unit.kind)) },
          { key: 'members', label: t('org.memberCount'), children: t('org.people', { count: unit.memberCount }) },
          { key: 'subtree', label: t('org.subtreeMemberCount'), children: t('org.people', { count: unit.subtreeMemberCount }) },
          ...(q.data ? [
            { key: 'full', label: t('orgx.count.full'), children: t('org.people', { count: q.data.counts.fullMembers }) },
            { key: 'prob', label: t('orgx.count.probationary'), children: t('org.people', { count: q.data.counts.probationaryMembers }) },
            ...(q.data.term ? [{ key: 'term', label: t('orgx.term.endsOn'), children: <>{q.data.term.endsOn} <TermStateTag state={q.data.term.state} /></> }] : []),
          ] : []),
        ]}
      />
      {q.isPending && <Skeleton active paragraph={{ rows: 1 }} />}
      {q.isError && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {q.data?.findings.map((f) => (
        <Alert
          key={f.code}
          type={f.severity === 'block' ? 'error' : 'warning'}
          showIcon
          title={f.message}
          description={<span style={{ fontSize: '0.85em' }} title={f.rule}>{t('orgx.finding.rule', { rule: f.basis })}</span>}
          data-testid="org-finding"
        />
      ))}
      {q.data && q.data.findings.length === 0 && <Alert type="success" showIcon title={t('orgx.finding.none')} data-testid="org-finding-none" />}
    </div>
  );
}
