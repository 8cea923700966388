import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Segmented, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useT } from '../../app/preferences';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PageLoading } from '../../shared/components/PageLoading';
import { useIsMobile } from '../../shared/hooks/useIsMobile';
import { ExhibitTimeline } from './ExhibitTimeline';
import type { HallSceneHandle } from './HallScene';
import { exhibitionKeys, fetchTour, webglAvailable } from './queries';

// three.js is large: it loads with the hall only, never with the rest of the app.
const HallScene = lazy(async () => ({ default: (await import('./HallScene')).HallScene }));

/** Walking a hall: the 3D view with the list of the same exhibits beside it (below it on a phone); the list alone without WebGL. */
export function HallPage() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const tour = useQuery({ queryKey: exhibitionKeys.tour(id), queryFn: () => fetchTour(id) });
  const webgl = useMemo(webglAvailable, []);
  const [view, setView] = useState<'3d' | 'list'>(webgl ? '3d' : 'list');
  const [focused, setFocused] = useState<string | null>(null);
  const scene = useRef<HallSceneHandle>(null);
  if (tour.isPending) return <PageLoading />;
  if (tour.isError) return <ErrorAlert error={tour.error} onRetry={() => void tour.refetch()} />;
  const h = tour.data;
  const show3d = webgl && view === '3d';
  return (
    <div data-testid="hall-page">
      {isMobile && <Typography.Title level={4} style={{ margin: '0 0 4px' }}>{h.title}</Typography.Title>}
      <PageHeader title={h.title} subtitle={`${h.unitName}${h.intro ? ` · ${h.intro}` : ''}`} extra={
        <>
          {h.status === 'draft' && <Tag color="orange" style={{ alignSelf: 'center', marginInlineEnd: 0 }} data-testid="hall-draft">{t('exh.status.draft')}</Tag>}
          {webgl && <Segmented<'3d' | 'list'> value={view} onChange={setView} data-testid="hall-view"
            options={[{ value: '3d', label: t('exh.view.3d') }, { value: 'list', label: t('exh.view.list') }]} />}
          {h.canManage && <Button icon={<EditOutlined />} onClick={() => void navigate(`/exhibition/${h.id}/edit`)} data-testid="hall-edit">{t('exh.edit')}</Button>}
          <Button onClick={() => void navigate('/exhibition')}>{t('common.back')}</Button>
        </>
      } />
      {!webgl && <Alert type="info" showIcon title={t('exh.noWebgl')} style={{ marginBottom: 12 }} data-testid="hall-no-webgl" />}
      <div className={show3d ? 'zg-hall-layout' : undefined}>
        {show3d && (
          <Suspense fallback={<div className="zg-hall zg-hall-loading"><PageLoading /></div>}>
            <HallScene tour={h} ref={scene} onFocus={setFocused} />
          </Suspense>
        )}
        <Card size="small" className={show3d ? 'zg-hall-aside' : undefined} title={t('exh.tour.timeline')}>
          <ExhibitTimeline tour={h} focused={focused} follow={show3d && !isMobile} onShow={show3d ? (eid) => { scene.current?.goTo(eid); if (isMobile) window.scrollTo({ top: 0, behavior: 'smooth' }); } : undefined} />
        </Card>
      </div>
    </div>
  );
}
