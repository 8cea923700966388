import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Skeleton } from 'antd';
import { useT } from '../../app/preferences';
import { api, download, unwrap } from '../../shared/api';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PersonalDataWatermark } from '../../shared/components/PersonalDataWatermark';
import { ApiError } from '../../shared/errors';
import { useNotify } from '../../shared/hooks/useNotify';
import { PersonTags } from './PeopleList';
import { peopleKeys } from './queries';
import { RecordView } from './RecordView';

/** 我的档案: the member's own record and a copy to download (PIPL). */
export function MyRecordPage() {
  const t = useT();
  const notify = useNotify();
  const mine = useQuery({ queryKey: peopleKeys.mine, queryFn: () => unwrap(api.GET('/api/me/record')), retry: false });
  const exporting = useMutation({
    mutationFn: (format: 'xlsx' | 'json') => download(`/api/me/record/export?format=${format}`, format === 'xlsx' ? 'my-record.xlsx' : 'my-record.json'),
    onError: (err) => notify.failure(err),
  });
  const noRecord = mine.error instanceof ApiError && mine.error.status === 404;
  const r = mine.data;
  return (
    <PersonalDataWatermark>
      <PageHeader
        title={t('myRecord.title')}
        subtitle={r === undefined ? undefined : <PersonTags p={{ ...r, archived: r.archivedAt !== null }} />}
        extra={r === undefined ? undefined : (
          <>
            <Button onClick={() => exporting.mutate('xlsx')} loading={exporting.isPending && exporting.variables === 'xlsx'} data-testid="my-record-export">{t('myRecord.exportXlsx')}</Button>
            <Button onClick={() => exporting.mutate('json')} loading={exporting.isPending && exporting.variables === 'json'} data-testid="my-record-export-json">{t('myRecord.exportJson')}</Button>
          </>
        )}
      />
      <Card size="small" data-testid="my-record">
        {mine.isPending && <Skeleton active />}
        {noRecord && <EmptyState text={mine.error instanceof ApiError ? mine.error.message : ''} />}
        {mine.isError && !noRecord && <ErrorAlert error={mine.error} onRetry={() => void mine.refetch()} />}
        {r !== undefined && (
          <>
            <Alert type="info" showIcon title={t('myRecord.hint')} style={{ marginBottom: 12 }} />
            <RecordView record={r} />
          </>
        )}
      </Card>
    </PersonalDataWatermark>
  );
}
