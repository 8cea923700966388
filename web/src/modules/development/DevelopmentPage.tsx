import { Route, Routes } from 'react-router';
import { BoardPage } from './BoardPage';
import { CalendarPage } from './CalendarPage';
import { PersonPage } from './PersonPage';
import { QuotaPage } from './QuotaPage';

/** 发展党员: the board (with reminders), a person's record, the annual plan and the holiday calendar. */
export function DevelopmentPage() {
  return (
    <Routes>
      <Route index element={<BoardPage />} />
      <Route path="people/:id" element={<PersonPage />} />
      <Route path="quotas" element={<QuotaPage />} />
      <Route path="calendar" element={<CalendarPage />} />
    </Routes>
  );
}
