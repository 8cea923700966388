import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useT } from '../../app/preferences';
import { useNotify } from '../../shared/hooks/useNotify';
import { meetingKeys, type MeetingDetail } from './types';

/** A write on a meeting whose answer is the updated detail: stores it, refreshes lists, toasts. */
export function useMeetingAction<A>(id: string, fn: (arg: A) => Promise<MeetingDetail | unknown>) {
  const qc = useQueryClient();
  const notify = useNotify();
  const t = useT();
  return useMutation({
    mutationFn: fn,
    onSuccess: (data) => {
      if (data && typeof data === 'object' && 'abilities' in data) qc.setQueryData(meetingKeys.detail(id), data);
      else void qc.invalidateQueries({ queryKey: meetingKeys.detail(id) });
      void qc.invalidateQueries({ queryKey: ['meetings', 'list'] });
      void qc.invalidateQueries({ queryKey: ['meetings', 'mine'] });
      notify.success(t('mt.a.done'));
    },
    onError: (err) => notify.failure(err),
  });
}
