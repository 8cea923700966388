import { Tabs } from 'antd';
import { Route, Routes, useSearchParams } from 'react-router';
import { useT } from '../../app/preferences';
import { usePermissions } from '../../app/session';
import { PageHeader } from '../../shared/components/PageHeader';
import { PersonalDataWatermark } from '../../shared/components/PersonalDataWatermark';
import { BasesTab } from './Bases';
import { Calculator } from './Calculator';
import { LedgerPage } from './Ledger';
import { AlertsTab, RunsTab, SettingsTab } from './Manage';
import { ReportTab } from './Report';
import { RequestList } from './Requests';

const TABS = ['report', 'runs', 'bases', 'alerts', 'requests', 'calculator', 'settings'] as const;
type Tab = (typeof TABS)[number];

/** 党费管理 (RULES.md §4) for the branch and the 党委; a member's ledger at /dues/people/:id. */
export function DuesPage() {
  return (
    <Routes>
      <Route index element={<DuesHome />} />
      <Route path="people/:id" element={<LedgerPage />} />
    </Routes>
  );
}

function DuesHome() {
  const t = useT();
  const perms = new Set(usePermissions());
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'report';
  const items = [
    { key: 'report', label: t('dues.tab.report'), children: <ReportTab canExport={perms.has('dues.manage')} /> },
    { key: 'runs', label: t('dues.tab.runs'), children: <RunsTab canRun={perms.has('dues.manage')} /> },
    { key: 'bases', label: t('dues.tab.bases'), children: <BasesTab /> },
    { key: 'alerts', label: t('dues.tab.alerts'), children: <AlertsTab /> },
    { key: 'requests', label: t('dues.tab.requests'), children: <RequestList /> },
    { key: 'calculator', label: t('dues.tab.calculator'), children: <Calculator /> },
    { key: 'settings', label: t('dues.tab.settings'), children: <SettingsTab /> },
  ];
  return (
    <div>
      <PageHeader title={t('dues.title')} subtitle={t('dues.subtitle')} />
      <PersonalDataWatermark>
        <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k }, { replace: true })} items={items.map((i) => ({ ...i, label: <span data-testid={`dues-tab-${i.key}`}>{i.label}</span> }))} destroyOnHidden />
      </PersonalDataWatermark>
    </div>
  );
}
