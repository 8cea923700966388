import { BankOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { Link, Route, Routes, useNavigate } from 'react-router';
import { useT } from '../../app/preferences';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PageLoading } from '../../shared/components/PageLoading';
import { HallEditPage, HallNewPage } from './HallEditPage';
import { HallPage } from './HallPage';
import { exhibitionKeys, fetchHalls, yearsLabel } from './queries';

function HallList() {
  const t = useT();
  const navigate = useNavigate();
  const halls = useQuery({ queryKey: exhibitionKeys.list, queryFn: fetchHalls });
  if (halls.isPending) return <PageLoading />;
  if (halls.isError) return <ErrorAlert error={halls.error} onRetry={() => void halls.refetch()} />;
  const { items, canCurate } = halls.data;
  return (
    <div>
      <PageHeader title={t('exh.title')} subtitle={t('exh.subtitle')} extra={canCurate ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/exhibition/new')} data-testid="hall-create">{t('exh.create')}</Button>
      ) : undefined} />
      {items.length === 0 ? <Card><EmptyState text={canCurate ? t('exh.empty.curator') : t('exh.empty')} /></Card> : (
        <div className="zg-hall-grid" data-testid="halls">
          {items.map((h) => (
            <Card key={h.id} size="small" hoverable data-testid="hall-card"
              cover={h.coverUrl ? <img src={h.coverUrl} alt="" className="zg-hall-cover" /> : <div className="zg-hall-cover zg-hall-cover-empty"><BankOutlined /></div>}>
              <Link to={`/exhibition/${h.id}`} style={{ color: 'inherit', display: 'block' }} data-testid="hall-open">
                <Flex justify="space-between" gap={8} align="start">
                  <Typography.Text strong style={{ fontSize: '1.1em' }}>{h.title}</Typography.Text>
                  {h.canManage && <Tag color={h.status === 'published' ? 'success' : 'orange'}>{t(h.status === 'published' ? 'exh.status.published' : 'exh.status.draft')}</Tag>}
                </Flex>
                <Typography.Text type="secondary" style={{ display: 'block' }}>
                  {h.unitName} · {t('exh.counts', { rooms: h.rooms, exhibits: h.exhibits })}{h.years ? ` · ${yearsLabel(h.years)}` : ''}
                </Typography.Text>
                {h.intro && <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0' }}>{h.intro}</Typography.Paragraph>}
              </Link>
              {h.canManage && <Link to={`/exhibition/${h.id}/edit`} data-testid="hall-card-edit">{t('exh.edit')}</Link>}
            </Card>
          ))}
        </div>
      )}
    </div>
  );
}

/** VR 党史展馆: the halls one may walk, a hall, and (for curators) the hall editor. */
export function ExhibitionPage() {
  return (
    <Routes>
      <Route index element={<HallList />} />
      <Route path="new" element={<HallNewPage />} />
      <Route path=":id" element={<HallPage />} />
      <Route path=":id/edit" element={<HallEditPage />} />
    </Routes>
  );
}
