import {
  BankOutlined,
  AuditOutlined,
  ReconciliationOutlined,
  SettingOutlined,
  AccountBookOutlined,
  WalletOutlined,
  BellOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  BarChartOutlined,
  CloudUploadOutlined,
  IdcardOutlined,
  RiseOutlined,
  SolutionOutlined,
  SwapOutlined,
  ApartmentOutlined,
  CloudServerOutlined,
  HomeOutlined,
  MenuOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
  // 学习教育: library and assistant
  ReadOutlined,
  MessageOutlined,
  RobotOutlined,
  // 学习教育: courses and exams
  BookOutlined, EditOutlined, FileDoneOutlined, FundOutlined, ScheduleOutlined,
} from '@ant-design/icons';
import { Button, Drawer, Flex, Layout, Menu, Typography, type MenuProps } from 'antd';
import { Suspense, useState, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { PageLoading } from '../../shared/components/PageLoading';
import { useIsMobile } from '../../shared/hooks/useIsMobile';
import { navEntryFor, visibleNav, type NavKey } from '../nav';
import { useT } from '../preferences';
import { useActiveSession } from '../session';
import { HeaderControls, LogoutButton } from './HeaderControls';

const ICONS: Record<NavKey, ReactNode> = {
  home: <HomeOutlined />,
  org: <ApartmentOutlined />,
  people: <SolutionOutlined />,
  development: <RiseOutlined />,
  transfers: <SwapOutlined />,
  imports: <CloudUploadOutlined />,
  stats: <BarChartOutlined />,
  myRecord: <IdcardOutlined />,
  // dues (issue 4)
  dues: <AccountBookOutlined />,
  myDues: <WalletOutlined />,
  // dues online payments and reconciliation (issue 4)
  duesPay: <WalletOutlined />,
  duesReconcile: <ReconciliationOutlined />,
  duesPaySettings: <SettingOutlined />,
  accounts: <TeamOutlined />,
  security: <SafetyCertificateOutlined />,
  audit: <AuditOutlined />,
  platform: <CloudServerOutlined />,
  me: <UserOutlined />,
  meetings: <CalendarOutlined />,
  evaluation: <CheckSquareOutlined />,
  notifications: <BellOutlined />,
  // 学习教育: courses and exams
  learning: <ScheduleOutlined />,
  courses: <BookOutlined />,
  learningProgress: <FundOutlined />,
  exams: <FileDoneOutlined />,
  grading: <EditOutlined />,
  // 学习教育: library and assistant
  library: <ReadOutlined />,
  assistant: <MessageOutlined />,
  assistantSettings: <RobotOutlined />,
  // 学习教育: VR 党史展馆
  exhibition: <BankOutlined />,
};

function Brand() {
  const t = useT();
  return (
    <div className="zg-brand">
      <span className="zg-brand-mark" aria-hidden>
        政
      </span>
      <span className="zg-brand-name">{t('app.name')}</span>
    </div>
  );
}

function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const session = useActiveSession();
  const t = useT();
  const location = useLocation();
  const navigate = useNavigate();
  const entries = visibleNav(session.permissions);
  const active = navEntryFor(location.pathname)?.key;
  const items: MenuProps['items'] = entries.map((e) => ({
    key: e.key,
    icon: ICONS[e.key],
    label: <span data-testid={`nav-${e.key}`}>{t(e.label)}</span>,
  }));
  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={active !== undefined ? [active] : []}
      className="zg-nav"
      onClick={({ key }) => {
        const entry = entries.find((e) => e.key === key);
        if (entry !== undefined) void navigate(entry.path);
        onNavigate?.();
      }}
    />
  );
}

function Content() {
  return (
    <Layout.Content className="zg-content">
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </Layout.Content>
  );
}

export function AppLayout() {
  const isMobile = useIsMobile();
  const session = useActiveSession();
  const t = useT();
  const location = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const current = navEntryFor(location.pathname);

  // One tree for both widths, so crossing 768 px (rotating a tablet) keeps the page and its state:
  // only the sider, the header's contents and the drawer change.
  return (
    <Layout className={isMobile ? 'zg-shell zg-shell-mobile' : 'zg-shell'}>
      {!isMobile && (
        <Layout.Sider width={232} theme="light" className="zg-sider">
          <Brand />
          <NavMenu />
        </Layout.Sider>
      )}
      <Layout>
        {isMobile ? (
          <Layout.Header className="zg-topbar">
            <Flex align="center" gap={8} style={{ minWidth: 0 }}>
              <Button
                type="text"
                size="large"
                icon={<MenuOutlined />}
                aria-label={t('nav.menu')}
                data-testid="nav-drawer-toggle"
                onClick={() => setDrawerOpen(true)}
              />
              <Typography.Text strong className="zg-topbar-title" ellipsis>
                {current !== undefined ? t(current.label) : t('app.name')}
              </Typography.Text>
            </Flex>
            <HeaderControls mobile />
          </Layout.Header>
        ) : (
          <Layout.Header className="zg-header">
            <Typography.Text className="zg-header-who" ellipsis>
              <strong>{session.user.displayName}</strong>
              <span className="zg-header-tenant">{session.tenant.name}</span>
            </Typography.Text>
            <HeaderControls mobile={false} />
          </Layout.Header>
        )}
        <Content />
      </Layout>
      {isMobile && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={280}
          title={<Brand />}
          data-testid="nav-drawer"
          styles={{ body: { padding: 0 } }}
          footer={<LogoutButton block />}
        >
          <div className="zg-drawer-user">
            <Typography.Text strong>{session.user.displayName}</Typography.Text>
            <br />
            <Typography.Text type="secondary">{session.tenant.name}</Typography.Text>
          </div>
          <NavMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  );
}
