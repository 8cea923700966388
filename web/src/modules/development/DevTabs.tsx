import { Segmented } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useT } from '../../app/preferences';

/** Switches between the board, the annual plan, the calendar and the rule settings. */
export function DevTabs() {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = (['quotas', 'calendar', 'settings'] as const).find((tab) => pathname.endsWith(`/${tab}`)) ?? 'board';
  return (
    <Segmented
      data-testid="dev-tabs"
      value={current}
      onChange={(v) => void navigate(v === 'board' ? '/development' : `/development/${v}`)}
      options={[
        { value: 'board', label: <span data-testid="dev-tab-board">{t('dev.tab.board')}</span> },
        { value: 'quotas', label: <span data-testid="dev-tab-quotas">{t('dev.tab.quotas')}</span> },
        { value: 'calendar', label: <span data-testid="dev-tab-calendar">{t('dev.tab.calendar')}</span> },
        { value: 'settings', label: <span data-testid="dev-tab-settings">{t('dev.tab.settings')}</span> },
      ]}
    />
  );
}
