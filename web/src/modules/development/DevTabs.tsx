import { Segmented } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useT } from '../../app/preferences';

/** Switches between the board, the annual plan and the calendar. */
export function DevTabs() {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = pathname.endsWith('/quotas') ? 'quotas' : pathname.endsWith('/calendar') ? 'calendar' : 'board';
  return (
    <Segmented
      data-testid="dev-tabs"
      value={current}
      onChange={(v) => void navigate(v === 'board' ? '/development' : `/development/${v}`)}
      options={[
        { value: 'board', label: <span data-testid="dev-tab-board">{t('dev.tab.board')}</span> },
        { value: 'quotas', label: <span data-testid="dev-tab-quotas">{t('dev.tab.quotas')}</span> },
        { value: 'calendar', label: <span data-testid="dev-tab-calendar">{t('dev.tab.calendar')}</span> },
      ]}
    />
  );
}
