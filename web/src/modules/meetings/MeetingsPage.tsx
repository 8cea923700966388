import { Route, Routes } from 'react-router';
import { CompliancePage } from './CompliancePage';
import { EditMeetingPage } from './EditMeetingPage';
import { MeetingDetailPage } from './MeetingDetailPage';
import { MeetingListPage } from './MeetingListPage';
import { MeetingSettingsPage } from './MeetingSettingsPage';
import { PlanMeetingPage } from './PlanMeetingPage';

/** 组织生活 (RULES.md §5): my meetings and the meetings in scope, planning, a meeting's page, the compliance view. */
export function MeetingsPage() {
  return (
    <Routes>
      <Route index element={<MeetingListPage />} />
      <Route path="new" element={<PlanMeetingPage />} />
      <Route path="compliance" element={<CompliancePage />} />
      <Route path="settings" element={<MeetingSettingsPage />} />
      <Route path=":id" element={<MeetingDetailPage />} />
      <Route path=":id/edit" element={<EditMeetingPage />} />
    </Routes>
  );
}
