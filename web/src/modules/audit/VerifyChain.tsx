import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { formatDateTime } from '../../shared/time';

export function useVerifyChain() {
  return useMutation({ mutationFn: () => unwrap(api.GET('/api/audit/verify')) });
}

export type VerifyState = ReturnType<typeof useVerifyChain>;

export function VerifyButton({ verify }: { verify: VerifyState }) {
  const t = useT();
  return (
    <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="audit-verify">
      {t('audit.verify')}
    </Button>
  );
}

/** The verification outcome: OK with the count, or the first tampered record. */
export function VerifyResult({ verify }: { verify: VerifyState }) {
  const t = useT();
  if (verify.isError) return <Alert type="error" showIcon title={errorText(verify.error, t)} closable={{ onClose: () => verify.reset() }} />;
  const r = verify.data;
  if (r === undefined) return null;
  if (r.ok) {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="audit-verify-result"
        title={t('audit.verifyOkTitle')}
        description={t('audit.verifyOk', { count: r.checked })}
        closable={{ onClose: () => verify.reset() }}
      />
    );
  }
  const bad = r.firstBad;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="audit-verify-result"
      title={t('audit.verifyBadTitle')}
      description={bad !== undefined ? t('audit.verifyBad', { seq: bad.seq, at: formatDateTime(bad.at, true), reason: bad.reason }) : undefined}
      closable={{ onClose: () => verify.reset() }}
    />
  );
}
