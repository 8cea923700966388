import { Route, Routes } from 'react-router';
import { BoardPage } from './BoardPage';
import { CalendarPage } from './CalendarPage';
import { PersonPage } from './PersonPage';
import { QuotaPage } from './QuotaPage';
import { SettingsPage } from './SettingsPage';

/** 发展党员: the board (with reminders), a person's record, the annual plan, the holiday calendar and the rule settings. */
export function DevelopmentPage() {
  return (
    <Routes>
      <Route index element={<BoardPage />} />
      <Route path="people/:id" element={<PersonPage />} />
      <Route path="quotas" element={<QuotaPage />} />
      <Route path="calendar" element={<CalendarPage />} />
      <Route path="settings" element={<SettingsPage />} />
    </Routes>
  );
}
