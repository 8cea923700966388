import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Flex, Input, List, Pagination, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { useNotify } from '../../shared/hooks/useNotify';
import { formatDateTime } from '../../shared/time';
import { meetingKeys } from './types';

function EmailSettings() {
  const t = useT();
  const notify = useNotify();
  const q = useQuery({ queryKey: ['notifications', 'contact'], queryFn: () => unwrap(api.GET('/api/notifications/contact', {})) });
  const [email, setEmail] = useState('');
  const [on, setOn] = useState(false);
  useEffect(() => {
    if (q.data) {
      setEmail(q.data.email ?? '');
      setOn(q.data.emailEnabled);
    }
  }, [q.data]);
  const save = useMutation({
    mutationFn: () => unwrap(api.PUT('/api/notifications/contact', { body: { email: email.trim() || null, emailEnabled: on } })),
    onSuccess: () => notify.success(t('mt.a.done')),
    onError: (e) => notify.failure(e),
  });
  return (
    <Card size="small" title={t('nt.email')}>
      {q.data && !q.data.mailAvailable ? <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>{t('nt.emailUnavailable')}</Typography.Text> : null}
      <Flex gap={8} wrap align="center">
        <Input value={email} onChange={(e) => setEmail(e.target.value)} placeholder={t('nt.emailAddress')} style={{ flex: '1 1 220px' }} maxLength={200} />
        <Flex gap={6} align="center"><Switch checked={on} onChange={setOn} /><span>{t('nt.emailEnabled')}</span></Flex>
        <Button onClick={() => save.mutate()} loading={save.isPending}>{t('common.save')}</Button>
      </Flex>
    </Card>
  );
}

/** 我的消息: meeting notices, reminders, leave decisions, evaluation notices; opening one marks it read. */
export function NotificationsPage() {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const q = useQuery({ queryKey: meetingKeys.inbox(page), queryFn: () => unwrap(api.GET('/api/notifications', { params: { query: { page, pageSize: 20 } } })), placeholderData: keepPreviousData });
  const read = useMutation({
    mutationFn: (ids: string[] | 'all') => unwrap(api.POST('/api/notifications/read', { body: ids === 'all' ? { all: true } : { ids } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
  return (
    <div>
      <PageHeader title={t('nt.title')} extra={<Button onClick={() => read.mutate('all')} disabled={!q.data?.unread} data-testid="notifications-read-all">{t('nt.readAll')}</Button>} />
      <Flex vertical gap={12}>
        {q.isError ? <ErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
        <Card size="small">
          {q.data && q.data.items.length === 0 ? <EmptyState text={t('nt.empty')} /> : (
            <List
              loading={q.isPending}
              dataSource={q.data?.items ?? []}
              data-testid="notification-list"
              renderItem={(n) => (
                <List.Item data-testid="notification-row" style={{ cursor: n.link ? 'pointer' : 'default' }}
                  onClick={() => { if (!n.read) read.mutate([n.id]); if (n.link) void navigate(n.link); }}>
                  <Flex vertical gap={2} style={{ width: '100%' }}>
                    <Flex justify="space-between" gap={8}>
                      <Badge dot={!n.read} offset={[6, 0]}><Typography.Text strong={!n.read}>{n.title}</Typography.Text></Badge>
                      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(n.createdAt)}</Typography.Text>
                    </Flex>
                    <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>{n.body}</Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          )}
          {q.data && q.data.total > 20 ? <Pagination simple current={page} total={q.data.total} pageSize={20} onChange={setPage} /> : null}
        </Card>
        <EmailSettings />
      </Flex>
    </div>
  );
}
