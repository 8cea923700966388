import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { PageHeader } from '../../shared/components/PageHeader';
import { useNotify } from '../../shared/hooks/useNotify';
import { dayjs, DISPLAY_TZ } from '../../shared/time';
import { MeetingForm, meetingFieldsBody, showMeetingFieldError, type MeetingFormValues } from './MeetingForm';
import { meetingKeys, type MeetingKind } from './types';

/** Plan a meeting, freely or from a gap of the compliance view (?unitId=&kind=&period=). */
export function PlanMeetingPage() {
  const t = useT();
  const navigate = useNavigate();
  const notify = useNotify();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const [form] = Form.useForm<MeetingFormValues>();
  const save = useMutation({
    mutationFn: (v: MeetingFormValues) => unwrap(api.POST('/api/meetings', {
      body: { orgUnitId: v.orgUnitId, kind: v.kind, ...meetingFieldsBody(v, form.getFieldValue('agenda')), notify: v.notify },
    })),
    onSuccess: (m) => {
      void qc.invalidateQueries({ queryKey: meetingKeys.all });
      notify.success(t('mt.a.done'));
      void navigate(`/meetings/${m.id}`, { replace: true });
    },
    onError: (err) => { if (!showMeetingFieldError(form, err)) notify.failure(err); },
  });
  const initial: Partial<MeetingFormValues> = {
    orgUnitId: params.get('unitId') ?? undefined, kind: (params.get('kind') as MeetingKind | null) ?? undefined, period: params.get('period') ?? undefined,
    duration: 90, online: false, notify: true, start: dayjs().tz(DISPLAY_TZ).add(2, 'day').hour(14).minute(30).second(0),
  };
  return (
    <div>
      <PageHeader title={t('mt.plan')} extra={<Button onClick={() => void navigate(-1)}>{t('common.back')}</Button>} />
      <MeetingForm form={form} initial={initial} canPlan saving={save.isPending} onSubmit={(v) => save.mutate(v)} />
    </div>
  );
}
