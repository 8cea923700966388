/** Where the room's sign-in code leads: a signed-in phone signs its owner in with the scanned token, then enters. */
import { useMutation } from '@tanstack/react-query';
import { Button, Card, Flex, Result, Spin } from 'antd';
import { useEffect } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { ErrorAlert } from '../../shared/components/ErrorAlert';

export function RoomCheckinPage() {
  const t = useT();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const token = params.get('t') ?? '';
  const sign = useMutation({ mutationFn: () => unwrap(api.POST('/api/meetings/{id}/room/sign-in', { params: { path: { id } }, body: { token } })) });
  useEffect(() => { sign.mutate(); }, [id, token]); // eslint-disable-line react-hooks/exhaustive-deps
  const enter = <Link to={`/meetings/${id}/room`}><Button type="primary" size="large" data-testid="room-checkin-enter">{t('room.checkin.enter')}</Button></Link>;
  return (
    <Card title={t('room.checkin.title')} data-testid="room-checkin">
      {sign.isPending && <Flex vertical align="center" gap={8}><Spin size="large" /><span>{t('room.checkin.working')}</span></Flex>}
      {sign.isSuccess && <Result status="success" title={t('room.checkin.ok')} subTitle={sign.data.name} extra={enter} data-testid="room-checkin-ok" />}
      {sign.isError && <Flex vertical gap={12}><ErrorAlert error={sign.error} />{enter}</Flex>}
    </Card>
  );
}
