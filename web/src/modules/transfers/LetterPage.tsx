import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useT } from '../../app/preferences';
import type { TransferLetter } from '../../shared/api-models';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PageLoading } from '../../shared/components/PageLoading';
import { fetchLetter, transferKeys } from './queries';
import './letter.css';

/** The letter as printed on A4 (RULES.md §3): 存根 kept by the sender, 介绍信 carried by the member, 回执 sent back. */
export function LetterPage() {
  const t = useT();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: transferKeys.letter(id), queryFn: () => fetchLetter(id) });
  const back = <Button onClick={() => void navigate(`/transfers/${id}`)}>{t('tr.detail.back')}</Button>;
  if (q.isPending) return <PageLoading />;
  if (q.isError) return (<><PageHeader title={t('tr.letter.title')} extra={back} /><ErrorAlert error={q.error} onRetry={() => void q.refetch()} /></>);
  const l: TransferLetter = q.data;
  const to = l.toTenantName ? `${l.toTenantName}${l.toOrgName}` : l.toOrgName;
  const body = t('tr.letter.body', {
    name: l.personName, gender: t(l.gender === 'male' ? 'tr.letter.male' : 'tr.letter.female'), age: l.age ?? t('tr.letter.unknownAge'),
    ethnicity: l.ethnicity, status: l.partyStatusText, from: l.fromOrgName, to,
  });
  const dues = l.duesPaidUntilText ? t('tr.letter.dues', { dues: l.duesPaidUntilText }) : t('tr.letter.duesBlank');
  const validity = t('tr.letter.validity', { days: l.validityDays, date: l.expiresOn });
  const no = <p className="zg-letter-no">{t('tr.letter.no', { no: l.letterNo })}</p>;
  const cut = <div className="zg-letter-cut" aria-hidden><span>✂ {t('tr.letter.cut')}</span></div>;
  return (
    <div>
      <PageHeader
        title={t('tr.letter.title')}
        extra={<>{back}<Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="letter-print">{t('tr.letter.print')}</Button></>}
      />
      <article className="zg-letter" data-testid="transfer-letter-sheet">
        <section className="zg-letter-part" data-testid="letter-stub">
          <h2>{t('tr.letter.title')}（{t('tr.letter.stub')}）</h2>
          {no}
          <p className="zg-letter-body">{body}{dues}</p>
          <p className="zg-letter-body">{validity}</p>
          <p className="zg-letter-sign">{l.issuedOn}</p>
          <p className="zg-letter-note">{t('tr.letter.stubRetain', { date: l.stubRetainUntil })}</p>
        </section>
        {cut}
        <section className="zg-letter-part" data-testid="letter-letter">
          <h2>{t('tr.letter.title')}</h2>
          {no}
          <p style={{ margin: 0 }}>{to}：</p>
          <p className="zg-letter-body">{body}{dues}</p>
          <p className="zg-letter-body">{validity}</p>
          <p className="zg-letter-sign">{t('tr.letter.issuer', { org: l.fromOrgName })}</p>
          <p className="zg-letter-sign">{l.issuedOn}</p>
        </section>
        {cut}
        <section className="zg-letter-part" data-testid="letter-receipt">
          <h2>{t('tr.letter.title')}（{t('tr.letter.receipt')}）</h2>
          {no}
          <p className="zg-letter-body">{t('tr.letter.receiptBody', { from: l.fromOrgName, name: l.personName })}</p>
          <p className="zg-letter-sign">{t('tr.letter.receiptSign')}</p>
        </section>
        {l.duesSource === 'form' && (
          <Typography.Paragraph type="secondary" className="zg-letter-noprint" style={{ fontSize: 12, marginTop: 8 }}>
            {t('tr.letter.duesFromForm')}
          </Typography.Paragraph>
        )}
      </article>
    </div>
  );
}
