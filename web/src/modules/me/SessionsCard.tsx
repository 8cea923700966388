import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { useNotify } from '../../shared/hooks/useNotify';
import { formatDateTime } from '../../shared/time';

/** A short, readable device name from a user agent. */
export function deviceName(ua: string | null | undefined): string {
  if (ua === null || ua === undefined || ua === '') return '—';
  const os = /Android/i.test(ua)
    ? 'Android'
    : /iPhone|iPad|iOS/i.test(ua)
      ? 'iOS'
      : /Windows/i.test(ua)
        ? 'Windows'
        : /Mac OS X|Macintosh/i.test(ua)
          ? 'macOS'
          : /Linux/i.test(ua)
            ? 'Linux'
            : '';
  const browser = /MicroMessenger/i.test(ua)
    ? 'WeChat'
    : /DingTalk/i.test(ua)
      ? 'DingTalk'
      : /Edg\//.test(ua)
        ? 'Edge'
        : /Chrome|Chromium/.test(ua)
          ? 'Chrome'
          : /Firefox/.test(ua)
            ? 'Firefox'
            : /Safari/.test(ua)
              ? 'Safari'
              : '';
  const name = [browser, os].filter((s) => s !== '').join(' · ');
  return name !== '' ? name : ua.slice(0, 40);
}

export function SessionsCard() {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const sessions = useQuery({ queryKey: ['me', 'sessions'], queryFn: () => unwrap(api.GET('/api/me/sessions')) });
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/me/sessions/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      notify.success(t('me.sessionRevoked'));
      void qc.invalidateQueries({ queryKey: ['me', 'sessions'] });
    },
    onError: notify.failure,
  });
  const items = sessions.data?.items ?? [];
  return (
    <Card title={t('me.sessions')} size="small" data-testid="me-sessions">
      {sessions.isPending && <Skeleton active paragraph={{ rows: 2 }} />}
      {sessions.isError && <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />}
      {!sessions.isPending && !sessions.isError && items.length === 0 && <EmptyState text={t('me.sessionsEmpty')} />}
      <div className="zg-card-list">
        {items.map((s) => (
          <Flex key={s.id} justify="space-between" align="center" gap={12} wrap className="zg-session-row" data-testid="me-session">
            <div>
              <Typography.Text strong>{deviceName(s.userAgent)}</Typography.Text>{' '}
              {s.current && <Tag color="green">{t('me.sessionCurrent')}</Tag>}
              <div>
                <Typography.Text type="secondary">
                  {t('me.sessionCreated')} {formatDateTime(s.createdAt)} · {t('me.sessionLastSeen')} {formatDateTime(s.lastSeenAt)} ·{' '}
                  {t('me.sessionIp')} {s.ip ?? '—'}
                </Typography.Text>
              </div>
            </div>
            {!s.current && (
              <Popconfirm
                title={t('me.sessionRevokeConfirm')}
                okText={t('common.ok')}
                cancelText={t('common.cancel')}
                onConfirm={() => revoke.mutateAsync(s.id).catch(() => undefined)}
              >
                <Button size="small" loading={revoke.isPending && revoke.variables === s.id} data-testid="me-session-revoke">
                  {t('me.sessionRevoke')}
                </Button>
              </Popconfirm>
            )}
          </Flex>
        ))}
      </div>
    </Card>
  );
}
