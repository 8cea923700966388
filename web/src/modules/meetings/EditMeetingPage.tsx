import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useT } from '../../app/preferences';
import { usePermissions } from '../../app/session';
import { api, unwrap } from '../../shared/api';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PageLoading } from '../../shared/components/PageLoading';
import { useNotify } from '../../shared/hooks/useNotify';
import { dayjs } from '../../shared/time';
import { MeetingForm, meetingFieldsBody, showMeetingFieldError, valuesOfMeeting, type MeetingFormValues } from './MeetingForm';
import { meetingKeys, type MeetingDetail } from './types';

/**
 * 编辑 a planned (or notified) meeting: the plan form filled with its values, saved with the version it was read at
 * (someone else's change in between answers 409 and the page says to reload).
 */
export function EditMeetingPage() {
  const t = useT();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: meetingKeys.detail(id), queryFn: () => unwrap(api.GET('/api/meetings/{id}', { params: { path: { id } } })) });
  const back = <Button onClick={() => void navigate(`/meetings/${id}`)}>{t('common.back')}</Button>;
  if (q.isError) return (<><PageHeader title={t('mt.edit')} extra={back} /><ErrorAlert error={q.error} onRetry={() => void q.refetch()} /></>);
  if (!q.data) return <PageLoading />;
  return (
    <div>
      <PageHeader title={t('mt.edit')} subtitle={q.data.title} extra={back} />
      {q.data.abilities.edit
        ? <EditForm key={q.data.version} m={q.data} />
        : <Alert type="info" showIcon title={t('mt.editClosed')} data-testid="meeting-edit-closed" />}
    </div>
  );
}

function EditForm({ m }: { m: MeetingDetail }) {
  const t = useT();
  const navigate = useNavigate();
  const notify = useNotify();
  const qc = useQueryClient();
  const canPlan = usePermissions().includes('meetings.manage');
  const [form] = Form.useForm<MeetingFormValues>();
  const [initial] = useState(() => valuesOfMeeting(m));
  const save = useMutation({
    mutationFn: (v: MeetingFormValues) => {
      // Without the period choices (meetings.manage), a moved meeting counts for its new start's period (the server's default).
      const moved = !dayjs(v.start).isSame(initial.start, 'minute');
      const values = canPlan || !moved ? v : { ...v, period: undefined };
      return unwrap(api.PUT('/api/meetings/{id}', {
        params: { path: { id: m.id } }, body: { version: m.version, ...meetingFieldsBody(values, form.getFieldValue('agenda')) },
      }));
    },
    onSuccess: (d) => {
      qc.setQueryData(meetingKeys.detail(m.id), d);
      void qc.invalidateQueries({ queryKey: ['meetings', 'list'] });
      void qc.invalidateQueries({ queryKey: ['meetings', 'mine'] });
      notify.success(t('mt.a.done'));
      void navigate(`/meetings/${m.id}`, { replace: true });
    },
    onError: (err) => { if (!showMeetingFieldError(form, err)) notify.failure(err); },
  });
  return <MeetingForm form={form} initial={initial} meeting={m} canPlan={canPlan} saving={save.isPending} onSubmit={(v) => save.mutate(v)} />;
}
