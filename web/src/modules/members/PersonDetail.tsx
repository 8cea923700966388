import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Modal, Select, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import type { ArchivedReason, PersonRecord } from '../../shared/api-models';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { errorText } from '../../shared/errors';
import { useNotify } from '../../shared/hooks/useNotify';
import { ARCHIVED_REASONS, archivedReasonKey } from './labels';
import { PersonTags } from './PeopleList';
import { PersonForm } from './PersonForm';
import { fetchPerson, peopleKeys } from './queries';
import { RecordView } from './RecordView';

function ArchiveModal({ record, open, onClose, onDone }: { record: PersonRecord; open: boolean; onClose: () => void; onDone: (r: PersonRecord) => void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason: ArchivedReason; note?: string }>();
  const archive = useMutation({
    mutationFn: (v: { reason: ArchivedReason; note?: string }) =>
      unwrap(api.POST('/api/people/{id}/archive', { params: { path: { id: record.id } }, body: { reason: v.reason, note: v.note ?? '', version: record.version } })),
    onSuccess: onDone,
  });
  return (
    <Modal open={open} title={t('people.archive')} okText={t('people.archive')} okButtonProps={{ danger: true, ...({ 'data-testid': 'archive-submit' } as Record<string, string>) }}
      cancelText={t('common.cancel')} confirmLoading={archive.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph>{t('people.archiveHint')}</Typography.Paragraph>
      {archive.isError && <Alert type="error" showIcon title={errorText(archive.error, t)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ reason: 'left' }} onFinish={(v) => archive.mutate(v)}>
        <Form.Item name="reason" label={t('people.archiveReason')}><Select options={ARCHIVED_REASONS.map((r) => ({ value: r, label: t(archivedReasonKey(r)) }))} /></Form.Item>
        <Form.Item name="note" label={t('people.honour.note')}><Input maxLength={200} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** One person's record with the actions the server allows on it. */
export function PersonDetail() {
  const t = useT();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const notify = useNotify();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const person = useQuery({ queryKey: peopleKeys.record(id), queryFn: () => fetchPerson(id) });
  const saved = (r: PersonRecord, text: string) => {
    qc.setQueryData(peopleKeys.record(r.id), r);
    void qc.invalidateQueries({ queryKey: ['people', 'list'] });
    notify.success(text);
  };
  const r = person.data;
  return (
    <div>
      <PageHeader
        title={r?.name ?? t('people.title')}
        subtitle={r === undefined ? undefined : <PersonTags p={{ ...r, archived: r.archivedAt !== null }} />}
        extra={
          <>
            <Button onClick={() => void navigate(-1)}>{t('common.back')}</Button>
            {r?.abilities.edit === true && <Button type="primary" onClick={() => setEditing(true)} data-testid="person-edit">{t('people.edit')}</Button>}
            {r?.abilities.archive === true && <Button danger onClick={() => setArchiving(true)} data-testid="person-archive">{t('people.archive')}</Button>}
          </>
        }
      />
      <Card size="small" data-testid="person-detail">
        {person.isError && <ErrorAlert error={person.error} onRetry={() => void person.refetch()} />}
        {person.isPending && <Skeleton active />}
        {r !== undefined && (
          <Flex vertical gap={12}>
            {r.archivedAt !== null && r.archivedReason !== null && <Alert type="warning" showIcon title={t('people.archivedBanner', { reason: t(archivedReasonKey(r.archivedReason)) })} />}
            <RecordView record={r} />
          </Flex>
        )}
      </Card>
      {r !== undefined && (
        <>
          <PersonForm open={editing} record={r} onClose={() => setEditing(false)} onSaved={(x) => { setEditing(false); saved(x, t('common.saved')); }} />
          <ArchiveModal record={r} open={archiving} onClose={() => setArchiving(false)} onDone={(x) => { setArchiving(false); saved(x, t('people.archivedDone')); }} />
        </>
      )}
    </div>
  );
}
