import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card } from 'antd';
import { useT } from '../../app/preferences';
import type { MessageKey } from '../../app/i18n/translate';
import { api, unwrap } from '../../shared/api';
import type { DevSettingsReply } from '../../shared/api-models';
import { PageHeader } from '../../shared/components/PageHeader';
import { RuleSettingsOf, type RuleSettingField } from '../../shared/components/RuleSettings';
import { DevTabs } from './DevTabs';
import { devKeys } from './queries';

type Settings = DevSettingsReply['settings'];
type Key = keyof Settings & string;
type Unit = 'years' | 'months' | 'people' | 'days' | 'hours' | 'workingDays';

/** The §2 numbers in the order of the chain, each with its unit. */
const GROUPS: readonly { group: string; fields: readonly [Key, Unit][] }[] = [
  { group: 'apply', fields: [['minApplicantAge', 'years'], ['talkWithinMonths', 'months'], ['contactsMin', 'people'], ['contactsMax', 'people'], ['assessmentEveryMonths', 'months'], ['thoughtReportEveryMonths', 'months'], ['activistMinMonths', 'months']] },
  { group: 'candidate', fields: [['trainingMinDays', 'days'], ['trainingMinHours', 'hours'], ['introducersRequired', 'people'], ['publicityWorkingDays', 'workingDays']] },
  { group: 'approval', fields: [['pretrialWithinMonths', 'months'], ['meetingWithinMonths', 'months'], ['approvalWithinMonths', 'months'], ['approvalLimitMonths', 'months']] },
  { group: 'probation', fields: [['probationMonths', 'months'], ['extensionMinMonths', 'months'], ['extensionMaxMonths', 'months']] },
  { group: 'reminder', fields: [['reminderLeadDays', 'days']] },
];

/** 规则设置 of 发展党员 (RULES.md §2): everyone who runs development reads them; the top unit's manager changes them. */
export function SettingsPage() {
  const t = useT();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: devKeys.settings, queryFn: () => unwrap(api.GET('/api/development/settings')) });
  const groups = GROUPS.map((g) => ({
    title: t(`dev.settings.group.${g.group}` as MessageKey),
    fields: g.fields.map(([key, unit]): RuleSettingField<Key> => ({
      key, unit: t(`dev.settings.unit.${unit}` as MessageKey), label: t(`dev.settings.${key}` as MessageKey), help: t(`dev.settings.${key}.help` as MessageKey),
    })),
  }));
  return (
    <div>
      <PageHeader title={t('dev.title')} extra={<DevTabs />} />
      <Card size="small" title={t('dev.tab.settings')}>
        <RuleSettingsOf<Settings>
          query={q}
          testId="dev-settings"
          groups={groups}
          save={(body) => unwrap(api.PUT('/api/development/settings', { body }))}
          onSaved={(reply) => {
            qc.setQueryData(devKeys.settings, reply);
            // Reminders and the board's due dates follow the numbers.
            void qc.invalidateQueries({ queryKey: ['development'], predicate: (x) => x.queryKey[1] !== 'settings' });
          }}
        />
      </Card>
    </div>
  );
}
