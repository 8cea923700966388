import { api, unwrap } from '../../shared/api';
import type { TransferState } from '../../shared/api-models';

export type Box = 'outgoing' | 'incoming';

export const transferKeys = {
  all: ['transfers'] as const,
  list: (params: { box: Box; state: TransferState | undefined; page: number }) => ['transfers', 'list', params] as const,
  detail: (id: string) => ['transfers', 'detail', id] as const,
  letter: (id: string) => ['transfers', 'letter', id] as const,
  candidates: (q: string) => ['transfers', 'candidates', q] as const,
  units: (purpose: 'target' | 'receive') => ['transfers', 'units', purpose] as const,
  directory: ['transfers', 'directory'] as const,
  settings: ['transfers', 'settings'] as const,
};

export const fetchTransfer = (id: string) => unwrap(api.GET('/api/transfers/{id}', { params: { path: { id } } }));
export const fetchLetter = (id: string) => unwrap(api.GET('/api/transfers/{id}/letter', { params: { path: { id } } }));
export const fetchTransferSettings = () => unwrap(api.GET('/api/transfers/settings'));
export const fetchUnits = (purpose: 'target' | 'receive') => unwrap(api.GET('/api/transfers/units', { params: { query: { purpose } } }));

/** Tag colours of the states: in progress blue, done green, stopped grey or orange. */
export const STATE_COLORS: Record<TransferState, string> = {
  draft: 'default', issued: 'processing', received: 'success', returned: 'warning', expired: 'error', cancelled: 'default',
};
