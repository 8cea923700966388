import { TrophyOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Flex, List, Statistic, Tag, Typography } from 'antd';
import { useT, usePreferences } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageLoading } from '../../shared/components/PageLoading';
import { courseKeys } from './queries';

/** 我的积分: totals, how points are earned (the tenant's rules and daily caps), recent entries; the branch ranking only when on. */
export function PointsTab() {
  const t = useT();
  const { locale } = usePreferences();
  const q = useQuery({ queryKey: courseKeys.points, queryFn: () => unwrap(api.GET('/api/learning/points')) });
  const ranking = useQuery({ queryKey: courseKeys.ranking, queryFn: () => unwrap(api.GET('/api/learning/ranking')), enabled: q.data?.rankingsEnabled === true });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const p = q.data;
  const name = (m: { zh: string; en: string }) => (locale === 'en-US' ? m.en : m.zh);
  const ruleName = new Map(p.rules.map((r) => [r.rule, name(r.name)]));
  return (
    <div className="zg-stack">
      <Card size="small">
        <Flex gap={32} wrap>
          <Statistic title={t('crs.points.year')} value={p.thisYear} data-testid="points-year" />
          <Statistic title={t('crs.points.total')} value={p.total} data-testid="points-total" />
        </Flex>
      </Card>
      <Card size="small" title={t('crs.points.rules')}>
        <List size="small" dataSource={p.rules} renderItem={(r) => (
          <List.Item>
            <span>{name(r.name)}</span>
            <span>{r.points > 0 ? t('crs.points.rule', { points: r.points, cap: r.dailyCap }) : t('crs.points.off')}</span>
          </List.Item>
        )} />
        <Typography.Text type="secondary">{t('crs.points.note')}</Typography.Text>
      </Card>
      <Card size="small" title={t('crs.points.recent')}>
        {p.recent.length === 0 ? <EmptyState text={t('crs.points.empty')} /> : (
          <List size="small" dataSource={p.recent} renderItem={(r) => (
            <List.Item>
              <span>{r.on} · {ruleName.get(r.rule) ?? r.rule}</span>
              <Tag color="red">+{r.points}</Tag>
            </List.Item>
          )} />
        )}
      </Card>
      {p.rankingsEnabled && (
        <Card size="small" title={<><TrophyOutlined /> {t('crs.ranking.title', { branch: ranking.data?.branch?.name ?? '' })}</>} data-testid="ranking-list">
          {ranking.isError ? <ErrorAlert error={ranking.error} /> : (
            <List size="small" loading={ranking.isPending} dataSource={ranking.data?.items ?? []} locale={{ emptyText: t('crs.ranking.empty') }} renderItem={(r) => (
              <List.Item style={r.me ? { background: '#fff7e6' } : undefined}>
                <span>{r.rank}. {r.name}{r.me ? ` (${t('crs.ranking.me')})` : ''}</span>
                <span>{r.points}</span>
              </List.Item>
            )} />
          )}
        </Card>
      )}
    </div>
  );
}
