import { Card, Col, Row, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { visibleNav } from '../../app/nav';
import { useT } from '../../app/preferences';
import { useActiveSession } from '../../app/session';
import { EmptyState } from '../../shared/components/EmptyState';
import { DevelopmentReminderCard } from './DevelopmentReminderCard';
import { RenewalCard } from './RenewalCard';

export function HomePage() {
  const t = useT();
  const session = useActiveSession();
  const navigate = useNavigate();
  const shortcuts = visibleNav(session.permissions).filter((e) => e.key !== 'home');
  return (
    <div className="zg-stack">
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="home-welcome">
          {t('home.welcome', { name: session.user.displayName })}
        </Typography.Title>
        <Typography.Text type="secondary">{t('home.tenant', { tenant: session.tenant.name })}</Typography.Text>
      </Card>
      <RenewalCard />
      <DevelopmentReminderCard />
      <Card title={t('home.roles')}>
        {session.roles.length === 0 ? (
          <EmptyState text={t('home.noRoles')} />
        ) : (
          <div className="zg-wrap-tags" style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            {session.roles.map((r) => (
              <Tag key={`${r.role}-${r.orgUnitId ?? 'all'}`} color="red" style={{ fontSize: '1em', padding: '4px 10px' }}>
                {r.roleName} · {r.orgUnitName ?? t('home.scopeAll')}
              </Tag>
            ))}
          </div>
        )}
      </Card>
      <Card title={t('home.shortcuts')}>
        <Row gutter={[12, 12]}>
          {shortcuts.map((e) => (
            <Col key={e.key} xs={12} sm={8} lg={6}>
              <Card hoverable size="small" onClick={() => void navigate(e.path)} data-testid={`home-shortcut-${e.key}`}>
                <Typography.Text strong>{t(e.label)}</Typography.Text>
              </Card>
            </Col>
          ))}
        </Row>
      </Card>
    </div>
  );
}
