/**
 * 布展 (curators): a new hall; a hall's name, preface and organising unit; its rooms in walking order (add, change,
 * reorder, remove); the exhibits of each room in timeline order with their place on the walls and how far their
 * library resource reaches the hall's visitors; publish and withdraw.
 */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Modal, Popconfirm, Select, Tag, Typography, type ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { usePreferences, useT } from '../../app/preferences';
import type { MessageKey } from '../../app/i18n/translate';
import { api, unwrap } from '../../shared/api';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PageLoading } from '../../shared/components/PageLoading';
import { errorText } from '../../shared/errors';
import { applyFieldError, errorField } from '../../shared/formErrors';
import { useNotify } from '../../shared/hooks/useNotify';
import { ExhibitForm } from './ExhibitForm';
import { dateLabel, exhibitionKeys, fetchEditor, THEMES, yearsLabel, type EditorExhibit, type EditorRoom, type HallEditor, type Reach, type RoomTheme } from './queries';

const REACH: Record<Reach, { color: string; label: MessageKey }> = {
  all: { color: 'success', label: 'exh.reach.all' },
  partial: { color: 'warning', label: 'exh.reach.partial' },
  none: { color: 'error', label: 'exh.reach.none' },
  unavailable: { color: 'error', label: 'exh.reach.unavailable' },
};

interface HallValues { title: string; intro?: string; orgUnitId: string }
const HALL_FIELDS = ['title', 'intro', 'orgUnitId'] as const;

function HallFields() {
  const t = useT();
  const units = useQuery({ queryKey: exhibitionKeys.units, queryFn: () => unwrap(api.GET('/api/exhibition/units')) });
  return (
    <>
      <Form.Item name="title" label={t('exh.form.hallTitle')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('exh.form.hallTitle') }) }]}>
        <Input maxLength={60} data-testid="hall-title" />
      </Form.Item>
      <Form.Item name="intro" label={t('exh.form.intro')}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} data-testid="hall-intro" />
      </Form.Item>
      <Form.Item name="orgUnitId" label={t('exh.form.unit')} extra={t('exh.form.unitHint')} rules={[{ required: true, message: t('common.required', { label: t('exh.form.unit') }) }]}>
        <Select showSearch={{ optionFilterProp: 'label' }} loading={units.isPending} data-testid="hall-unit"
          options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name, depth: u.depth }))}
          optionRender={(o) => <span style={{ paddingLeft: Math.min(Number(o.data.depth), 4) * 12 }}>{o.label}</span>} />
      </Form.Item>
    </>
  );
}

export function HallNewPage() {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<HallValues>();
  const create = useMutation({
    mutationFn: (v: HallValues) => unwrap(api.POST('/api/exhibition/halls', { body: { title: v.title.trim(), intro: (v.intro ?? '').trim(), orgUnitId: v.orgUnitId } })),
    onSuccess: (r) => { void qc.invalidateQueries({ queryKey: exhibitionKeys.all }); void navigate(`/exhibition/${r.id}/edit`, { replace: true }); },
    onError: (err) => applyFieldError(form, err, HALL_FIELDS),
  });
  return (
    <div>
      <PageHeader title={t('exh.create')} extra={<Button onClick={() => void navigate('/exhibition')}>{t('common.back')}</Button>} />
      <Card size="small" style={{ maxWidth: 760 }}>
        {create.error !== null && errorField(create.error, HALL_FIELDS) === undefined && <Alert type="error" showIcon title={errorText(create.error, t)} style={{ marginBottom: 12 }} />}
        <Form<HallValues> form={form} layout="vertical" requiredMark={false} onFinish={(v) => create.mutate(v)}>
          <HallFields />
          <Button type="primary" htmlType="submit" block loading={create.isPending} data-testid="hall-save">{t('exh.form.createHall')}</Button>
        </Form>
      </Card>
    </div>
  );
}

interface RoomValues { title: string; intro?: string; theme: RoomTheme }

function RoomForm({ hall, room, open, onClose, onSaved }: { hall: HallEditor; room: EditorRoom | null; open: boolean; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [form] = Form.useForm<RoomValues>();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(room ? { title: room.title, intro: room.intro, theme: room.theme } : { theme: THEMES[hall.rooms.length % THEMES.length] });
  }, [open, room, hall.rooms.length, form]);
  const save = useMutation({
    mutationFn: (v: RoomValues): Promise<unknown> => {
      const body = { title: v.title.trim(), intro: (v.intro ?? '').trim(), theme: v.theme };
      return room
        ? unwrap(api.PATCH('/api/exhibition/halls/{id}/rooms/{roomId}', { params: { path: { id: hall.id, roomId: room.id } }, body }))
        : unwrap(api.POST('/api/exhibition/halls/{id}/rooms', { params: { path: { id: hall.id } }, body }));
    },
    onSuccess: () => { onSaved(); onClose(); },
    onError: (err) => applyFieldError(form, err, ['title', 'intro', 'theme']),
  });
  return (
    <Modal open={open} title={room ? t('exh.room.edit') : t('exh.room.add')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')}
      confirmLoading={save.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'room-save' } as ButtonProps}>
      {save.error !== null && errorField(save.error, ['title', 'intro', 'theme']) === undefined && <Alert type="error" showIcon title={errorText(save.error, t)} style={{ marginBottom: 12 }} />}
      <Form<RoomValues> form={form} layout="vertical" requiredMark={false} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label={t('exh.room.title')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('exh.room.title') }) }]}>
          <Input maxLength={40} data-testid="room-title" />
        </Form.Item>
        <Form.Item name="intro" label={t('exh.room.intro')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name="theme" label={t('exh.room.theme')}>
          <Select options={THEMES.map((th) => ({ value: th, label: t(`exh.theme.${th}` as MessageKey) }))} data-testid="room-theme" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function HallEditPage() {
  const { t, locale } = usePreferences();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const notify = useNotify();
  const qc = useQueryClient();
  const [form] = Form.useForm<HallValues>();
  const editor = useQuery({ queryKey: exhibitionKeys.editor(id), queryFn: () => fetchEditor(id) });
  const [roomForm, setRoomForm] = useState<{ room: EditorRoom | null } | null>(null);
  const [exhibitTarget, setExhibitTarget] = useState<{ exhibit: EditorExhibit } | { roomId: string } | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: exhibitionKeys.all });
  useEffect(() => {
    const h = editor.data;
    if (h) form.setFieldsValue({ title: h.title, intro: h.intro, orgUnitId: h.unit.id });
  }, [editor.data, form]);
  const saveHall = useMutation({
    mutationFn: (v: HallValues) => unwrap(api.PATCH('/api/exhibition/halls/{id}', { params: { path: { id } }, body: { title: v.title.trim(), intro: (v.intro ?? '').trim(), orgUnitId: v.orgUnitId, version: editor.data!.version } })),
    onSuccess: () => { notify.success(t('common.saved')); refresh(); },
    onError: (err) => { if (!applyFieldError(form, err, HALL_FIELDS)) notify.failure(err); },
  });
  const act = useMutation({
    mutationFn: async (a: { kind: 'publish' | 'unpublish' | 'delete' } | { kind: 'order'; roomIds: string[] } | { kind: 'deleteRoom'; roomId: string } | { kind: 'deleteExhibit'; exhibitId: string }) => {
      const path = { id };
      switch (a.kind) {
        case 'publish': return unwrap(api.POST('/api/exhibition/halls/{id}/publish', { params: { path } }));
        case 'unpublish': return unwrap(api.POST('/api/exhibition/halls/{id}/unpublish', { params: { path } }));
        case 'delete': return unwrap(api.DELETE('/api/exhibition/halls/{id}', { params: { path } }));
        case 'order': return unwrap(api.PUT('/api/exhibition/halls/{id}/room-order', { params: { path }, body: { roomIds: a.roomIds } }));
        case 'deleteRoom': return unwrap(api.DELETE('/api/exhibition/halls/{id}/rooms/{roomId}', { params: { path: { id, roomId: a.roomId } } }));
        case 'deleteExhibit': return unwrap(api.DELETE('/api/exhibition/halls/{id}/exhibits/{exhibitId}', { params: { path: { id, exhibitId: a.exhibitId } } }));
      }
    },
    onSuccess: (_, a) => {
      if (a.kind === 'delete') { void qc.removeQueries({ queryKey: exhibitionKeys.editor(id) }); void navigate('/exhibition', { replace: true }); }
      if (a.kind === 'publish') notify.success(t('exh.published'));
      refresh();
    },
    onError: (err) => notify.failure(err),
  });
  if (editor.isPending) return <PageLoading />;
  if (editor.isError) return <ErrorAlert error={editor.error} onRetry={() => void editor.refetch()} />;
  const h = editor.data;
  const moveRoom = (i: number, d: -1 | 1) => {
    const ids = h.rooms.map((r) => r.id);
    const [x] = ids.splice(i, 1);
    ids.splice(i + d, 0, x!);
    act.mutate({ kind: 'order', roomIds: ids });
  };
  const count = h.rooms.reduce((n, r) => n + r.exhibits.length, 0);
  return (
    <div data-testid="hall-editor">
      <PageHeader title={t('exh.editor.title', { title: h.title })} extra={
        <>
          <Tag color={h.status === 'published' ? 'success' : 'orange'} style={{ alignSelf: 'center', marginInlineEnd: 0 }} data-testid="hall-status">{t(h.status === 'published' ? 'exh.status.published' : 'exh.status.draft')}</Tag>
          <Button icon={<EyeOutlined />} onClick={() => void navigate(`/exhibition/${h.id}`)} data-testid="hall-preview">{t(h.status === 'published' ? 'exh.visit' : 'exh.preview')}</Button>
          {h.status === 'draft'
            ? <Button type="primary" onClick={() => act.mutate({ kind: 'publish' })} loading={act.isPending && act.variables.kind === 'publish'} disabled={count === 0} data-testid="hall-publish">{t('exh.publish')}</Button>
            : <Popconfirm title={t('exh.unpublishConfirm')} onConfirm={() => act.mutate({ kind: 'unpublish' })}><Button data-testid="hall-unpublish">{t('exh.unpublish')}</Button></Popconfirm>}
          <Popconfirm title={t('exh.deleteConfirm')} onConfirm={() => act.mutate({ kind: 'delete' })}><Button danger icon={<DeleteOutlined />} aria-label={t('exh.delete')} data-testid="hall-delete" /></Popconfirm>
        </>
      } />
      {h.status === 'draft' && count === 0 && <Alert type="info" showIcon title={t('exh.editor.publishHint')} style={{ marginBottom: 12 }} />}
      {h.outOfOrder.length > 0 && <Alert type="warning" showIcon title={t('exh.editor.outOfOrder', { rooms: h.outOfOrder.join('、') })} style={{ marginBottom: 12 }} data-testid="hall-out-of-order" />}
      <Card size="small" title={t('exh.editor.info')} style={{ marginBottom: 12 }}>
        <Form<HallValues> form={form} layout="vertical" requiredMark={false} onFinish={(v) => saveHall.mutate(v)}>
          <HallFields />
          <Button htmlType="submit" loading={saveHall.isPending} data-testid="hall-info-save">{t('common.save')}</Button>
        </Form>
      </Card>
      <Flex justify="space-between" align="center" style={{ margin: '16px 0 8px' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('exh.editor.rooms')}</Typography.Title>
        <Button icon={<PlusOutlined />} onClick={() => setRoomForm({ room: null })} disabled={h.rooms.length >= 12} data-testid="room-add">{t('exh.room.add')}</Button>
      </Flex>
      {h.rooms.length === 0 && <Card size="small"><EmptyState text={t('exh.editor.noRooms')} /></Card>}
      <div className="zg-card-list">
        {h.rooms.map((room, i) => (
          <Card key={room.id} size="small" data-testid="room-card" title={
            <span>{t('exh.room.kicker', { n: room.position })} · {room.title} <Tag bordered={false}>{t(`exh.theme.${room.theme}` as MessageKey)}</Tag>
              {room.years && <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>{yearsLabel(room.years)}</Typography.Text>}</span>
          } extra={
            <Flex gap={4}>
              <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => moveRoom(i, -1)} aria-label={t('exh.room.up')} />
              <Button size="small" icon={<ArrowDownOutlined />} disabled={i === h.rooms.length - 1} onClick={() => moveRoom(i, 1)} aria-label={t('exh.room.down')} />
              <Button size="small" icon={<EditOutlined />} onClick={() => setRoomForm({ room })} aria-label={t('exh.room.edit')} />
              <Popconfirm title={t('exh.room.deleteConfirm', { n: room.exhibits.length })} onConfirm={() => act.mutate({ kind: 'deleteRoom', roomId: room.id })}>
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('exh.delete')} />
              </Popconfirm>
            </Flex>
          }>
            {room.exhibits.length === 0 && <Typography.Text type="secondary">{t('exh.room.empty')}</Typography.Text>}
            {room.exhibits.map((e) => (
              <Flex key={e.id} gap={8} align="center" wrap className="zg-exhibit-row" data-testid="editor-exhibit">
                {e.imageUrl ? <img src={e.imageUrl} alt="" className="zg-exhibit-mini" /> : <div className="zg-exhibit-mini zg-exhibit-mini-text">{e.kind ? t(e.kind === 'image' ? 'library.kind.image' : 'library.kind.article') : '—'}</div>}
                <div style={{ flex: '1 1 200px', minWidth: 0 }}>
                  <Typography.Text strong>{dateLabel(e, locale)} · {e.title}</Typography.Text>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: '0.9em' }}>
                    {t(e.placedWall === 'left' ? 'exh.place.left' : 'exh.place.right', { n: e.placedSlot })}{e.wall ? '' : ` (${t('exh.place.auto')})`} · {e.resourceTitle ?? t('exh.reach.unavailable')}
                  </Typography.Text>
                </div>
                <Tag color={REACH[e.reach].color} data-testid="exhibit-reach">{t(REACH[e.reach].label)}</Tag>
                <Button size="small" icon={<EditOutlined />} onClick={() => setExhibitTarget({ exhibit: e })} aria-label={t('exh.form.editTitle')} />
                <Popconfirm title={t('exh.exhibit.deleteConfirm')} onConfirm={() => act.mutate({ kind: 'deleteExhibit', exhibitId: e.id })}>
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('exh.delete')} />
                </Popconfirm>
              </Flex>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} style={{ marginTop: 8 }} disabled={room.exhibits.length >= 24} onClick={() => setExhibitTarget({ roomId: room.id })} data-testid="exhibit-add">{t('exh.exhibit.add')}</Button>
          </Card>
        ))}
      </div>
      <RoomForm hall={h} room={roomForm?.room ?? null} open={roomForm !== null} onClose={() => setRoomForm(null)} onSaved={refresh} />
      <ExhibitForm hall={h} target={exhibitTarget} onClose={() => setExhibitTarget(null)} onSaved={refresh} />
    </div>
  );
}
