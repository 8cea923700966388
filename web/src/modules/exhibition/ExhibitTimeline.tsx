/**
 * The same exhibits as the 3D hall, as an accessible list: rooms as headings, exhibits on a timeline with their date,
 * picture (with its title as alternative text), text and source, a link to the library, and a button that walks the
 * 3D hall to the exhibit. Without WebGL this list is the hall.
 */
import { EnvironmentOutlined } from '@ant-design/icons';
import { Button, Flex, Tag, Timeline, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { usePreferences } from '../../app/preferences';
import { EmptyState } from '../../shared/components/EmptyState';
import { dateLabel, yearsLabel, type Tour } from './queries';

interface Props {
  tour: Tour;
  focused: string | null;
  /** Present when the 3D hall is shown. */
  onShow?: (exhibitId: string) => void;
  /** Scroll the exhibit in view into sight (the list beside the hall on a desktop; not on a phone, where it is below). */
  follow?: boolean;
}

export function ExhibitTimeline({ tour, focused, onShow, follow = false }: Props) {
  const { t, locale } = usePreferences();
  const list = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!follow || !focused) return;
    list.current?.querySelector(`[data-exhibit="${focused}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [focused, follow]);
  const total = tour.rooms.reduce((n, r) => n + r.exhibits.length, 0);
  if (total === 0) return <EmptyState text={t('exh.tour.empty')} />;
  return (
    <nav ref={list} aria-label={t('exh.tour.listLabel')} data-testid="hall-timeline">
      {tour.rooms.map((room) => (
        <section key={room.id} aria-labelledby={`room-${room.id}`} style={{ marginBottom: 16 }}>
          <Typography.Title level={5} id={`room-${room.id}`} style={{ marginBottom: 4 }}>
            {t('exh.room.kicker', { n: room.position })} · {room.title}
            {room.years && <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginLeft: 8 }}>{yearsLabel(room.years)}</Typography.Text>}
          </Typography.Title>
          {room.intro && <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{room.intro}</Typography.Paragraph>}
          {room.exhibits.length === 0 ? <Typography.Text type="secondary">{t('exh.room.empty')}</Typography.Text> : (
            <Timeline
              items={room.exhibits.map((e) => ({
                key: e.id,
                color: focused === e.id ? 'red' : 'gray',
                content: (
                  <article data-testid="hall-exhibit" data-exhibit={e.id} aria-current={focused === e.id ? 'true' : undefined}
                    className={focused === e.id ? 'zg-exhibit-focused' : undefined}>
                    <Typography.Text strong style={{ color: '#b71c1c' }}>{dateLabel(e, locale)}</Typography.Text>
                    <Typography.Title level={5} style={{ margin: '2px 0 4px' }}>{e.title}</Typography.Title>
                    {e.imageUrl && <img src={e.imageUrl} alt={e.title} loading="lazy" className="zg-exhibit-thumb" />}
                    {e.text && <Typography.Paragraph style={{ marginBottom: 4 }}>{e.text}</Typography.Paragraph>}
                    {e.excerpt && e.excerpt !== e.text && <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true }} style={{ marginBottom: 4 }}>{e.excerpt}</Typography.Paragraph>}
                    <Flex gap={8} wrap align="center">
                      <Tag bordered={false}>{t(e.kind === 'image' ? 'library.kind.image' : 'library.kind.article')}</Tag>
                      <Link to={`/library/${e.resourceId}`} data-testid="hall-exhibit-source">{e.resourceTitle}</Link>
                      {e.source && <Typography.Text type="secondary">{e.source}</Typography.Text>}
                      {onShow && <Button size="small" icon={<EnvironmentOutlined />} onClick={() => onShow(e.id)} data-testid="hall-exhibit-show">{t('exh.tour.show')}</Button>}
                    </Flex>
                  </article>
                ),
              }))}
            />
          )}
        </section>
      ))}
    </nav>
  );
}
