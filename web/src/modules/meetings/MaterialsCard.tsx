/** 会议材料 on the meeting page: open each (a link, or a stored file); the host adds links or uploads files, removes them. */
import { DeleteOutlined, FileOutlined, LinkOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, List, Popconfirm, Progress, Typography, Upload } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { useNotify } from '../../shared/hooks/useNotify';
import { uploadRaw } from '../../shared/upload';
import { formatBytes, uploadFileName } from '../development/documents';
import { useMeetingAction } from './useMeetingAction';
import { meetingKeys, type MeetingDetail } from './types';

/** What the server takes as a material file (meetings/materials.ts MATERIAL_FILE_KINDS). */
const MATERIAL_ACCEPT = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png,.webp,.txt';

export function MaterialsCard({ m }: { m: MeetingDetail }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [title, setTitle] = useState('');
  const [ref, setRef] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const abort = useRef<(() => void) | null>(null);
  const add = useMeetingAction(m.id, () => unwrap(api.POST('/api/meetings/{id}/materials', { params: { path: { id: m.id } }, body: { title, kind: 'link', ref } })));
  const remove = useMeetingAction(m.id, (materialId: string) => unwrap(api.DELETE('/api/meetings/{id}/materials/{materialId}', { params: { path: { id: m.id, materialId } } })));
  const upload = (file: File) => {
    const q = new URLSearchParams({ fileName: uploadFileName(file.name) });
    const up = uploadRaw<MeetingDetail>(`/api/meetings/${encodeURIComponent(m.id)}/materials/file?${q.toString()}`, file, setProgress);
    abort.current = up.abort;
    setProgress(0);
    up.done.then((detail) => {
      qc.setQueryData(meetingKeys.detail(m.id), detail);
      notify.success(t('mt.a.done'));
    }, (err: unknown) => notify.failure(err)).finally(() => { setProgress(null); abort.current = null; });
  };
  return (
    <Card size="small" title={t('mt.d.materials')} data-testid="mt-materials">
      {m.materials.length ? (
        <List size="small" dataSource={m.materials} renderItem={(x) => (
          <List.Item data-testid="mt-material" data-kind={x.kind}
            actions={m.abilities.materials ? [
              <Popconfirm key="rm" title={t('mt.a.removeMaterialConfirm')} onConfirm={() => remove.mutate(x.id)}>
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('mt.a.removeMaterial')} data-testid="mt-material-remove" />
              </Popconfirm>,
            ] : []}>
            <Flex gap={8} align="baseline" wrap>
              {x.kind === 'file' ? <FileOutlined /> : <LinkOutlined />}
              {x.url ? <a href={x.url} target="_blank" rel="noreferrer noopener">{x.title}</a> : <span>{x.title}</span>}
              {x.file ? <Typography.Text type="secondary">{formatBytes(x.file.size)}</Typography.Text> : null}
            </Flex>
          </List.Item>
        )} />
      ) : <Typography.Text type="secondary">{t('mt.d.noMaterials')}</Typography.Text>}
      {m.abilities.materials ? (
        <Flex vertical gap={8} style={{ marginTop: 8 }}>
          <Flex gap={8} wrap align="center">
            <Upload accept={MATERIAL_ACCEPT} showUploadList={false} beforeUpload={(file) => { upload(file); return false; }} disabled={progress !== null}>
              <Button icon={<UploadOutlined />} data-testid="mt-material-upload" disabled={progress !== null}>{t('mt.a.uploadMaterial')}</Button>
            </Upload>
            <Typography.Text type="secondary">{t('mt.a.uploadHint')}</Typography.Text>
          </Flex>
          {progress !== null ? (
            <Flex gap={8} align="center">
              <Progress percent={progress} size="small" style={{ flex: 1 }} data-testid="mt-material-progress" />
              <Button size="small" onClick={() => abort.current?.()}>{t('mt.a.cancelUpload')}</Button>
            </Flex>
          ) : null}
          <Flex gap={8} wrap>
            <Input value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t('mt.a.materialTitle')} style={{ flex: '1 1 140px' }} />
            <Input value={ref} onChange={(e) => setRef(e.target.value)} placeholder={t('mt.a.materialRef')} style={{ flex: '2 1 200px' }} />
            <Button onClick={() => add.mutate(undefined, { onSuccess: () => { setTitle(''); setRef(''); } })} disabled={!title || !ref}>{t('mt.a.addMaterial')}</Button>
          </Flex>
        </Flex>
      ) : null}
    </Card>
  );
}
