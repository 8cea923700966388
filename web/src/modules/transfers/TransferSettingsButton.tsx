import { SettingOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Modal } from 'antd';
import { useState } from 'react';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import type { TransferSettingsReply } from '../../shared/api-models';
import { RuleSettingsOf, type RuleSettingField } from '../../shared/components/RuleSettings';
import { fetchTransferSettings, transferKeys } from './queries';

type Settings = TransferSettingsReply['settings'];
type Key = keyof Settings & string;

/** 规则设置 of 组织关系转接 (RULES.md §3) in a dialog: read-only, or editable for the top unit's manager. */
export function TransferSettingsButton({ iconOnly = false }: { iconOnly?: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const q = useQuery({ queryKey: transferKeys.settings, queryFn: fetchTransferSettings, enabled: open });
  const days = (v: unknown) => (Array.isArray(v) ? v.map((d) => t('tr.form.days', { days: Number(d) })).join('、') : '');
  const field = (key: Key, unit: 'months' | 'years' | 'days'): RuleSettingField<Key> => ({
    key, unit: t(`tr.settings.unit.${unit}`), label: t(`tr.settings.${key}`), help: t(`tr.settings.${key}.help`),
  });
  return (
    <>
      <Button icon={<SettingOutlined />} onClick={() => setOpen(true)} data-testid="transfer-settings" aria-label={t('tr.settings.open')} title={t('tr.settings.open')}>
        {iconOnly ? null : t('tr.settings.open')}
      </Button>
      <Modal open={open} title={t('tr.settings.title')} footer={null} onCancel={() => setOpen(false)} destroyOnHidden width={720}>
        <RuleSettingsOf<Settings>
          query={q}
          testId="tr-settings"
          groups={[
            { title: t('tr.settings.group.letter'), fields: [field('letterValidityDays', 'days'), field('maxValidityMonths', 'months')] },
            { title: t('tr.settings.group.members'), fields: [field('formalTransferAwayMonths', 'months'), field('stubRetentionYears', 'years')] },
          ]}
          custom={{
            letterValidityDays: {
              input: <Checkbox.Group data-testid="tr-settings-input-letterValidityDays" options={(q.data?.validityOptions ?? []).map((d) => ({ value: d, label: t('tr.form.days', { days: d }) }))} />,
              display: days,
              range: () => t('tr.settings.letterValidityDays.range'),
            },
          }}
          save={(body) => unwrap(api.PUT('/api/transfers/settings', { body }))}
          onSaved={(reply) => {
            qc.setQueryData(transferKeys.settings, reply);
            setOpen(false);
          }}
        />
      </Modal>
    </>
  );
}
