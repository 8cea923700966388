import { Route, Routes } from 'react-router';
import { PersonalDataWatermark } from '../../shared/components/PersonalDataWatermark';
import { PeopleList } from './PeopleList';
import { PersonDetail } from './PersonDetail';

/** 人员与党员: the list at /people, a record at /people/:id. Personal data: watermarked. */
export function PeoplePage() {
  return (
    <PersonalDataWatermark>
      <Routes>
        <Route index element={<PeopleList />} />
        <Route path=":id" element={<PersonDetail />} />
      </Routes>
    </PersonalDataWatermark>
  );
}
