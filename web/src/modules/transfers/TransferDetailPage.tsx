import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Timeline, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useT } from '../../app/preferences';
import type { TransferDetail } from '../../shared/api-models';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PageLoading } from '../../shared/components/PageLoading';
import { PersonalDataWatermark } from '../../shared/components/PersonalDataWatermark';
import { formatDateTime } from '../../shared/time';
import { fetchTransfer, transferKeys } from './queries';
import { StateTag } from './StateTag';
import { TransferActions } from './TransferActions';

/** A timeline date: legal dates as they are, timestamps in Asia/Shanghai. */
const when = (on: string) => (on.length > 10 ? formatDateTime(on) : on);

export function TransferDetailPage() {
  const t = useT();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: transferKeys.detail(id), queryFn: () => fetchTransfer(id) });
  const back = <Button onClick={() => void navigate(-1)} data-testid="transfer-back">{t('tr.detail.back')}</Button>;
  if (q.isPending) return <PageLoading />;
  if (q.isError) return (<><PageHeader title={t('tr.title')} extra={back} /><ErrorAlert error={q.error} onRetry={() => void q.refetch()} /></>);
  const d: TransferDetail = q.data;
  const org = (tenant: string | null, name: string) => (tenant ? `${tenant} · ${name}` : name);
  const none = t('tr.none');
  return (
    <div>
      <PageHeader title={t('tr.title')} extra={back} />
      <PersonalDataWatermark>
        <Flex vertical gap={12}>
          <Card size="small" data-testid="transfer-detail">
            <Flex justify="space-between" align="start" gap={8} wrap>
              <div>
                <Typography.Title level={4} style={{ margin: 0 }}>{d.personName}</Typography.Title>
                <Typography.Text type="secondary">{d.letterNo ?? t('tr.noLetterNo')} · {t(`tr.scope.${d.scope}`)}</Typography.Text>
              </div>
              <StateTag state={d.state} incoming={d.box === 'incoming'} />
            </Flex>
            {d.state === 'issued' && (
              <Alert style={{ marginTop: 12 }} type="info" showIcon title={`${t('tr.detail.responsible')}：${t('tr.detail.responsible.sender')}`} />
            )}
            <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginTop: 12 }}
              items={[
                { key: 'from', label: t('tr.detail.from'), children: org(d.fromTenantName, d.fromOrgName) },
                { key: 'to', label: t('tr.detail.to'), children: org(d.toTenantName, d.toOrgName) },
                { key: 'reason', label: t('tr.detail.reason'), children: d.reason || none },
                { key: 'validity', label: t('tr.detail.validity'), children: d.issuedOn && d.expiresOn ? t('tr.detail.validityValue', { days: d.validityDays, from: d.issuedOn, to: d.expiresOn }) : t('tr.form.days', { days: d.validityDays }) },
                { key: 'dues', label: t('tr.detail.dues'), children: d.duesPaidUntilText ?? none },
                ...(d.state === 'issued' ? [] : [{ key: 'responsible', label: t('tr.detail.responsible'), children: t(d.responsible === 'sender' ? 'tr.detail.responsible.sender' : 'tr.detail.responsible.receiver') }]),
                ...(d.receivedOn ? [{ key: 'received', label: t('tr.detail.received'), children: `${d.receivedOn}${d.receivedOrgName ? ` · ${d.receivedOrgName}` : ''}${d.receiptNote ? ` · ${d.receiptNote}` : ''}` }] : []),
                ...(d.returnReason ? [{ key: 'returned', label: t('tr.detail.returnReason'), children: d.returnReason }] : []),
                ...(d.stubRetainUntil ? [{ key: 'stub', label: t('tr.detail.stub'), children: d.stubRetainUntil }] : []),
              ]}
            />
            <div style={{ marginTop: 12 }}>
              <TransferActions d={d} />
            </div>
          </Card>
          <Card size="small" title={t('tr.detail.timeline')}>
            <Timeline
              data-testid="transfer-timeline"
              items={d.timeline.map((e, i) => ({
                key: `${e.event}-${i}`,
                color: e.event === 'received' ? 'green' : e.event === 'returned' || e.event === 'expired' ? 'orange' : e.event === 'cancelled' ? 'gray' : 'red',
                content: (
                  <>
                    <Typography.Text strong>{t(`tr.event.${e.event}`)}</Typography.Text>
                    <Typography.Text type="secondary"> {when(e.on)}</Typography.Text>
                    {e.note && <div><Typography.Text type="secondary">{e.note}</Typography.Text></div>}
                  </>
                ),
              }))}
            />
          </Card>
        </Flex>
      </PersonalDataWatermark>
    </div>
  );
}
