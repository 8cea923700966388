import { Alert, Button } from 'antd';
import { useT } from '../../app/preferences';
import { errorText } from '../errors';

/** A failed load, with the server's localized message and a retry button. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  return (
    <Alert
      type="error"
      showIcon
      title={t('common.loadFailed')}
      description={errorText(error, t)}
      action={
        onRetry !== undefined ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
