import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Radio, Select } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../app/preferences';
import type { MessageKey, Translate } from '../../app/i18n/translate';
import { api, unwrap } from '../../shared/api';
import { PageHeader } from '../../shared/components/PageHeader';
import { RuleSettingsOf, type CustomRuleField, type RuleSettingField } from '../../shared/components/RuleSettings';
import { KINDS } from './types';
import { flatReply, nested, settingsKey, type Flat, type Key, type Reply } from './meetingSettingsValues';

/** The fields that are not plain numbers: a frequency per kind (the regulation's or more often), the usual quarters, a yes/no. */
function customFields(t: Translate, allowed: Reply['allowed'] | undefined): Partial<Record<Key, CustomRuleField<Flat>>> {
  const grain = (g: unknown) => t(`mt.settings.grain.${String(g)}` as MessageKey);
  const quarter = (q: unknown) => t('mt.settings.quarterN', { q: Number(q) });
  const out: Partial<Record<Key, CustomRuleField<Flat>>> = {};
  for (const k of KINDS) {
    const options = allowed?.[k] ?? [];
    out[k] = {
      input: <Select disabled={options.length < 2} style={{ width: '100%', maxWidth: 220 }} data-testid={`mt-settings-input-${k}`}
        options={options.map((g) => ({ value: g, label: grain(g) }))} />,
      display: grain,
      range: (d) => (options.length < 2
        ? t('rules.settings.fixed', { value: grain(d[k]) })
        : t('mt.settings.grainRange', { value: grain(d[k]), choices: options.map(grain).join('、') })),
    };
  }
  for (const k of ['lifeMeetingQuarter', 'evaluationQuarter'] as const) {
    out[k] = {
      input: <Select style={{ width: '100%', maxWidth: 220 }} data-testid={`mt-settings-input-${k}`} options={[1, 2, 3, 4].map((q) => ({ value: q, label: quarter(q) }))} />,
      display: quarter,
      range: (d) => t('rules.settings.defaultIs', { value: quarter(d[k]) }),
    };
  }
  const yesNo = (v: unknown) => t(v ? 'mt.settings.yes' : 'mt.settings.no');
  out.evaluationWithLifeMeeting = {
    input: <Radio.Group optionType="button" data-testid="mt-settings-input-evaluationWithLifeMeeting" options={[{ value: true, label: yesNo(true) }, { value: false, label: yesNo(false) }]} />,
    display: yesNo,
    range: (d) => t('rules.settings.defaultIs', { value: yesNo(d.evaluationWithLifeMeeting) }),
  };
  return out;
}

/** 规则设置 of 组织生活 (RULES.md §5): read by those with meetings.read; the top unit's manager changes them. */
export function MeetingSettingsPage() {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: settingsKey, queryFn: async () => flatReply(await unwrap(api.GET('/api/meetings/settings'))) });
  const field = (key: Key, unit = ''): RuleSettingField<Key> => ({
    key, unit, label: t(`mt.settings.${key}` as MessageKey), help: t(`mt.settings.${key}.help` as MessageKey),
  });
  const groups = [
    { title: t('mt.settings.group.frequency'), fields: KINDS.map((k) => field(k)) },
    { title: t('mt.settings.group.timing'), fields: [field('themeDayOfMonth', t('mt.settings.unit.day')), field('lifeMeetingQuarter'), field('evaluationQuarter'), field('evaluationWithLifeMeeting')] },
    { title: t('mt.settings.group.reminders'), fields: [field('dueSoonDays', t('mt.settings.unit.days')), field('remindBeforeHours', t('mt.settings.unit.hours'))] },
  ];
  return (
    <div>
      <PageHeader title={t('mt.title')} extra={<Button onClick={() => void navigate('/meetings')}>{t('common.back')}</Button>} />
      <Card size="small" title={t('mt.settings.open')} style={{ maxWidth: 960 }}>
        <RuleSettingsOf<Flat>
          query={q}
          testId="mt-settings"
          groups={groups}
          custom={customFields(t, q.data?.allowed)}
          save={async (v) => flatReply(await unwrap(api.PUT('/api/meetings/settings', { body: nested(v) as never })))}
          onSaved={(reply) => {
            qc.setQueryData(settingsKey, reply);
            // Compliance, period choices and reminders follow the settings.
            void qc.invalidateQueries({ queryKey: ['meetings'], predicate: (x) => x.queryKey[1] !== 'settings' });
          }}
        />
      </Card>
    </div>
  );
}
