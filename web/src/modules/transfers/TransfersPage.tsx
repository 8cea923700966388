import { Route, Routes } from 'react-router';
import { CreateTransferPage } from './CreateTransferPage';
import { LetterPage } from './LetterPage';
import { TransferDetailPage } from './TransferDetailPage';
import { TransferListPage } from './TransferListPage';

/** 组织关系转接 (RULES.md §3): 转出 / 转入 lists, the create form, a transfer's detail and its printable letter. */
export function TransfersPage() {
  return (
    <Routes>
      <Route index element={<TransferListPage />} />
      <Route path="new" element={<CreateTransferPage />} />
      <Route path=":id" element={<TransferDetailPage />} />
      <Route path=":id/letter" element={<LetterPage />} />
    </Routes>
  );
}
