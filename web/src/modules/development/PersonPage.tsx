import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { usePreferences, useT } from '../../app/preferences';
import type { DevDocument, DevRecord, DevStep } from '../../shared/api-models';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PersonalDataWatermark } from '../../shared/components/PersonalDataWatermark';
import { DocumentsCard, StepDocumentTag, useDocumentDownload } from './DocumentsCard';
import { statusKey, stepKey } from './labels';
import { devKeys, fetchRecord } from './queries';
import { StepForm, ViolationList } from './StepForm';

function StepDetails({ s, files, dl }: { s: DevStep; files: ReadonlyMap<string, DevDocument>; dl: ReturnType<typeof useDocumentDownload> }) {
  const t = useT();
  const bits: string[] = [];
  if (s.detail.training) bits.push(`${s.detail.training.days}${t('dev.form.days')} / ${s.detail.training.hours}${t('dev.form.hours')}`);
  if (s.detail.publicity) bits.push(`${t('dev.person.publicity')} ${s.detail.publicity.from} – ${s.detail.publicity.to}`);
  if (s.detail.extensionMonths !== undefined) bits.push(`${t('dev.form.extension')} ${s.detail.extensionMonths}`);
  if (s.detail.submittedOn) bits.push(`${t('dev.form.submittedOn')} ${s.detail.submittedOn}`);
  return (
    <Flex vertical gap={2}>
      <Typography.Text strong>{s.on} · {t(stepKey(s.kind))}</Typography.Text>
      {s.people.length > 0 && (
        <Typography.Text>
          {(['talker', 'contact', 'introducer'] as const).filter((role) => s.people.some((p) => p.role === role))
            .map((role) => `${t(`dev.role.${role}`)}：${s.people.filter((p) => p.role === role).map((p) => p.name).join('、')}`).join('；')}
        </Typography.Text>
      )}
      {bits.length > 0 && <Typography.Text type="secondary">{bits.join(' · ')}</Typography.Text>}
      {s.documents.length > 0 && (
        <Flex gap={4} wrap>
          {s.documents.map((d, i) => {
            const file = d.documentId !== undefined ? files.get(d.documentId) : undefined;
            return <StepDocumentTag key={i} title={d.title} number={d.number} file={file} onDownload={dl.start} loading={file !== undefined && dl.pending === file.id} />;
          })}
        </Flex>
      )}
      {s.note !== '' && <Typography.Text type="secondary">{s.note}</Typography.Text>}
      {s.exception !== null && (
        <Alert type="warning" showIcon data-testid="dev-timeline-exception" title={t('dev.exception.shown', { reason: s.exception.reason, name: s.exception.byName })}
          description={<ViolationList items={s.violations.filter((v) => v.severity === 'block')} testId="dev-excepted-rules" />} />
      )}
    </Flex>
  );
}

function Summary({ r }: { r: DevRecord }) {
  const t = useT();
  const { locale } = usePreferences();
  return (
    <Card size="small" data-testid="dev-person">
      <Flex gap={8} align="center" wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{r.person.name}</Typography.Title>
        <Tag color="red" data-testid="dev-person-status">{t(statusKey(r.person.status))}</Tag>
      </Flex>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginTop: 8 }}
        items={[
          { key: 'unit', label: t('dev.person.unit'), children: r.person.orgUnitName },
          { key: 'birth', label: t('dev.person.birth'), children: r.person.birthDate ?? '—' },
        ]} />
      {r.reminders.map((m) => (
        <Alert key={m.code} type={m.state === 'overdue' ? 'error' : m.state === 'due' ? 'warning' : 'info'} showIcon style={{ marginTop: 8 }}
          title={locale === 'en-US' ? m.message.en : m.message.zh} />
      ))}
    </Card>
  );
}

export function PersonPage() {
  const t = useT();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: devKeys.record(id), queryFn: () => fetchRecord(id) });
  const dl = useDocumentDownload();
  const back = <Link to="/development"><Button data-testid="dev-back">{t('dev.person.back')}</Button></Link>;
  if (q.isError) return <div><PageHeader title={t('dev.title')} extra={back} /><ErrorAlert error={q.error} onRetry={() => void q.refetch()} /></div>;
  if (q.isPending) return <Card loading />;
  const r = q.data;
  const files = new Map(r.documents.map((d) => [d.id, d]));
  return (
    <div>
      <PageHeader title={t('dev.title')} extra={back} />
      <PersonalDataWatermark>
        <div className="zg-stack">
          <Summary r={r} />
          {r.person.archived ? (
            <Alert type="info" title={t('dev.person.archived')} />
          ) : r.next.allowed.length === 0 ? (
            <Alert type="success" title={t('dev.person.finished')} />
          ) : r.abilities.record ? (
            <StepForm key={r.steps.length} record={r} />
          ) : (
            <Alert type="info" title={t('dev.person.noRecord')} />
          )}
          <Card size="small" title={t('dev.person.timeline')} data-testid="dev-timeline">
            {r.steps.length === 0 ? (
              <EmptyState text={t('dev.person.timelineEmpty')} />
            ) : (
              <Timeline items={[...r.steps].reverse().map((s) => ({ key: s.id, color: s.exception ? 'orange' : 'red', content: <StepDetails s={s} files={files} dl={dl} /> }))} />
            )}
          </Card>
          {r.abilities.documents && <DocumentsCard record={r} />}
        </div>
      </PersonalDataWatermark>
    </div>
  );
}
