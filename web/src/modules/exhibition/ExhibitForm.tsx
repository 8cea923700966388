/**
 * Hanging an exhibit, or changing one: pick an image or an article from the library (searched in Chinese or pinyin),
 * give it a date on the timeline, a title and a short text, choose its room and, if wanted, a fixed place on a wall
 * (otherwise the hall hangs it by date).
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Form, Input, InputNumber, Modal, Segmented, Select, Space, type ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { applyFieldError, errorField } from '../../shared/formErrors';
import { exhibitionKeys, type EditorExhibit, type HallEditor } from './queries';

interface Values {
  resourceId?: string;
  roomId: string;
  title: string;
  text?: string;
  year: number;
  month?: number | null;
  place: string;
}
const FIELDS = ['resourceId', 'roomId', 'title', 'text', 'year', 'month', 'wall', 'slot'] as const;

interface Props {
  hall: HallEditor;
  /** The exhibit to change, or the room to hang a new one in. */
  target: { exhibit: EditorExhibit } | { roomId: string } | null;
  onClose: () => void;
  onSaved: () => void;
}

export function ExhibitForm({ hall, target, onClose, onSaved }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [kind, setKind] = useState<'image' | 'article'>('image');
  const [q, setQ] = useState('');
  const editing = target && 'exhibit' in target ? target.exhibit : null;
  const open = target !== null;
  const picks = useQuery({
    queryKey: exhibitionKeys.pick(kind, q),
    queryFn: () => unwrap(api.GET('/api/library/resources', { params: { query: { kind, status: 'published', pageSize: 30, page: 1, ...(q ? { q } : {}) } } })),
    enabled: open && !editing,
  });
  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if ('exhibit' in target) {
      const e = target.exhibit;
      form.setFieldsValue({ roomId: e.roomId, title: e.title, text: e.text, year: e.year, month: e.month, place: e.wall && e.slot ? `${e.wall}:${e.slot}` : 'auto' });
    } else form.setFieldsValue({ roomId: target.roomId, place: 'auto' });
  }, [target, form]);
  const save = useMutation({
    mutationFn: (v: Values): Promise<unknown> => {
      const [wall, slot] = v.place === 'auto' ? [null, null] : [v.place.split(':')[0] as 'left' | 'right', Number(v.place.split(':')[1])];
      const fields = { roomId: v.roomId, title: v.title.trim(), text: (v.text ?? '').trim(), year: v.year, month: v.month ?? null, wall, slot };
      return editing
        ? unwrap(api.PATCH('/api/exhibition/halls/{id}/exhibits/{exhibitId}', { params: { path: { id: hall.id, exhibitId: editing.id } }, body: fields }))
        : unwrap(api.POST('/api/exhibition/halls/{id}/exhibits', { params: { path: { id: hall.id } }, body: { ...fields, resourceId: v.resourceId! } }));
    },
    onSuccess: () => { onSaved(); onClose(); },
    onError: (err) => applyFieldError(form, err, FIELDS),
  });
  const places = [{ value: 'auto', label: t('exh.form.placeAuto') }, ...Array.from({ length: 12 }, (_, i) => i + 1).flatMap((s) => (['left', 'right'] as const).map((w) => ({
    value: `${w}:${s}`, label: t(w === 'left' ? 'exh.place.left' : 'exh.place.right', { n: s }),
  })))];
  return (
    <Modal open={open} title={editing ? t('exh.form.editTitle') : t('exh.form.addTitle')} onCancel={onClose} onOk={() => form.submit()}
      okText={t('common.save')} confirmLoading={save.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'exhibit-save' } as ButtonProps}>
      {save.error !== null && errorField(save.error, FIELDS) === undefined && <Alert type="error" showIcon title={errorText(save.error, t)} style={{ marginBottom: 12 }} data-testid="exhibit-form-error" />}
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(v) => save.mutate(v)}>
        {!editing && (
          <>
            <Segmented<'image' | 'article'> value={kind} onChange={(k) => { setKind(k); form.setFieldValue('resourceId', undefined); }} style={{ marginBottom: 8 }}
              options={[{ value: 'image', label: t('library.kind.image') }, { value: 'article', label: t('library.kind.article') }]} data-testid="exhibit-kind" />
            <Form.Item name="resourceId" label={t('exh.form.resource')} extra={t('exh.form.resourceHint')} rules={[{ required: true, message: t('common.required', { label: t('exh.form.resource') }) }]}>
              <Select showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }} loading={picks.isFetching} placeholder={t('exh.form.pick')} notFoundContent={t('exh.form.noResources')}
                data-testid="exhibit-resource"
                onChange={(id: string) => {
                  const r = picks.data?.items.find((x) => x.id === id);
                  if (r && !form.getFieldValue('title')) form.setFieldValue('title', r.title.slice(0, 60));
                  const year = /((?:18|19|20)\d\d)年/.exec(r?.title ?? '')?.[1];
                  if (year && !form.getFieldValue('year')) form.setFieldValue('year', Number(year));
                }}
                options={(picks.data?.items ?? []).map((r) => ({ value: r.id, label: r.title }))} />
            </Form.Item>
          </>
        )}
        <Form.Item name="title" label={t('exh.form.title')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('exh.form.title') }) }]}>
          <Input maxLength={60} data-testid="exhibit-title" />
        </Form.Item>
        <Form.Item name="text" label={t('exh.form.text')} extra={t('exh.form.textHint')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} data-testid="exhibit-text" />
        </Form.Item>
        <Form.Item label={t('exh.form.date')} required style={{ marginBottom: 0 }}>
          <Space.Compact>
            <Form.Item name="year" noStyle rules={[{ required: true, message: t('common.required', { label: t('exh.form.year') }) }]}>
              <InputNumber min={1800} max={2100} precision={0} placeholder={t('exh.form.year')} style={{ width: 150 }} data-testid="exhibit-year" />
            </Form.Item>
            <Form.Item name="month" noStyle>
              <InputNumber min={1} max={12} precision={0} placeholder={t('exh.form.month')} style={{ width: 120 }} data-testid="exhibit-month" />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item name="roomId" label={t('exh.form.room')} style={{ marginTop: 16 }} rules={[{ required: true, message: t('common.required', { label: t('exh.form.room') }) }]}>
          <Select options={hall.rooms.map((r) => ({ value: r.id, label: `${t('exh.room.kicker', { n: r.position })} · ${r.title}` }))} data-testid="exhibit-room" />
        </Form.Item>
        <Form.Item name="place" label={t('exh.form.place')} extra={t('exh.form.placeHint')}>
          <Select options={places} data-testid="exhibit-place" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
