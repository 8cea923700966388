import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, InputNumber, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../app/preferences';
import type { MessageKey } from '../../app/i18n/translate';
import { api, unwrap } from '../../shared/api';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PageLoading } from '../../shared/components/PageLoading';
import { errorText } from '../../shared/errors';
import { useNotify } from '../../shared/hooks/useNotify';
import { courseKeys, type LearningSettings } from './queries';

const RULES: { key: keyof LearningSettings['points']; label: MessageKey }[] = [
  { key: 'lesson_completed', label: 'crs.settings.rule.lesson' },
  { key: 'course_completed', label: 'crs.settings.rule.course' },
  { key: 'exam_passed', label: 'crs.settings.rule.exam' },
];

/** 学习设置: points per rule with a daily cap; rankings (off by default, RULES.md §8; within a branch only); reminders. */
export function LearningSettingsPage() {
  const t = useT();
  const navigate = useNavigate();
  const notify = useNotify();
  const qc = useQueryClient();
  const [form] = Form.useForm<LearningSettings>();
  const q = useQuery({ queryKey: courseKeys.settings, queryFn: () => unwrap(api.GET('/api/learning/settings')) });
  useEffect(() => { if (q.data) form.setFieldsValue(q.data.settings); }, [q.data, form]);
  const save = useMutation({
    mutationFn: (v: LearningSettings) => unwrap(api.PUT('/api/learning/settings', { body: v })),
    onSuccess: (d) => { qc.setQueryData(courseKeys.settings, d); void qc.invalidateQueries({ queryKey: courseKeys.points }); notify.success(t('common.saved')); },
  });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const { canEdit, bounds } = q.data;
  return (
    <div>
      <PageHeader title={t('crs.settings.title')} extra={<Button onClick={() => void navigate('/courses')}>{t('common.back')}</Button>} />
      <Card size="small" style={{ maxWidth: 720 }}>
        {!canEdit && <Alert type="info" showIcon title={t('crs.settings.readOnly')} style={{ marginBottom: 12 }} />}
        {save.error && <Alert type="error" showIcon title={errorText(save.error, t)} style={{ marginBottom: 12 }} />}
        <Form<LearningSettings> form={form} layout="vertical" disabled={!canEdit} onFinish={(v) => save.mutate(v)}>
          <Typography.Title level={5}>{t('crs.settings.points')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('crs.settings.pointsHint')}</Typography.Paragraph>
          {RULES.map((r) => (
            <Flex key={r.key} gap={16} wrap align="end">
              <Form.Item label={t(r.label)} name={['points', r.key, 'points']} style={{ minWidth: 200 }}>
                <InputNumber min={bounds.points.minimum} max={bounds.points.maximum} suffix={t('crs.settings.pointsUnit')} data-testid={`settings-points-${r.key}`} />
              </Form.Item>
              <Form.Item label={t('crs.settings.dailyCap')} name={['points', r.key, 'dailyCap']}>
                <InputNumber min={bounds.dailyCap.minimum} max={bounds.dailyCap.maximum} suffix={t('crs.settings.pointsUnit')} />
              </Form.Item>
            </Flex>
          ))}
          <Typography.Title level={5}>{t('crs.settings.rankings')}</Typography.Title>
          <Form.Item name="rankingsEnabled" valuePropName="checked" extra={t('crs.settings.rankingsHint')}>
            <Switch data-testid="settings-rankings" />
          </Form.Item>
          <Form.Item label={t('crs.settings.reminderDays')} name="reminderDays" extra={t('crs.settings.reminderHint')}>
            <InputNumber min={bounds.reminderDays.minimum} max={bounds.reminderDays.maximum} suffix={t('crs.settings.days')} />
          </Form.Item>
          {canEdit && <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">{t('common.save')}</Button>}
        </Form>
      </Card>
    </div>
  );
}
