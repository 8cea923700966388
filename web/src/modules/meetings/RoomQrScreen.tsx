/** The host's big-screen sign-in code: a link into the app with a token that rotates every 30 seconds. */
import { useQuery } from '@tanstack/react-query';
import { Flex, Modal, QRCode, Typography } from 'antd';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import type { RoomSnapshot } from './room/types';

export function RoomQrScreen({ room, open, onClose }: { room: RoomSnapshot; open: boolean; onClose: () => void }) {
  const t = useT();
  const id = room.meeting.id;
  const q = useQuery({
    queryKey: ['meetings', 'room', id, 'qr'],
    queryFn: () => unwrap(api.GET('/api/meetings/{id}/room/qr', { params: { path: { id } } })),
    enabled: open,
    // Fetch the next code a little before this one's window ends.
    refetchInterval: (query) => (query.state.data ? Math.max(1_000, new Date(query.state.data.expiresAt).getTime() - Date.now() + 300) : 5_000),
  });
  const url = q.data ? `${window.location.origin}/meetings/${id}/checkin?t=${encodeURIComponent(q.data.token)}` : '';
  const present = room.attendees.filter((a) => a.attendance === 'present').length;
  return (
    <Modal open={open} onCancel={onClose} footer={null} width="min(92vw, 720px)" centered title={room.meeting.title} destroyOnHidden>
      <Flex vertical align="center" gap={12} data-testid="room-qr-screen">
        <Typography.Title level={2} style={{ margin: 0 }}>{t('room.qr.title')}</Typography.Title>
        {url ? <QRCode value={url} size={320} errorLevel="M" data-testid="room-qr" data-url={url} /> : <QRCode value="-" status="loading" size={320} />}
        <Typography.Text style={{ fontSize: '1.2em' }}>{t('room.qr.hint', { seconds: q.data?.periodSeconds ?? 30 })}</Typography.Text>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="room-qr-count">{t('room.qr.signedIn', { present, total: room.attendees.length })}</Typography.Title>
      </Flex>
    </Modal>
  );
}
