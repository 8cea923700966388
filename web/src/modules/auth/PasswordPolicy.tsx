import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert } from 'antd';
import { useT } from '../../app/preferences';

export function PasswordPolicy() {
  const t = useT();
  const rules = ['pwd.rule.length', 'pwd.rule.classes', 'pwd.rule.username', 'pwd.rule.common'] as const;
  return (
    <Alert
      type="info"
      title={t('pwd.policyTitle')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 4, listStyle: 'none' }}>
          {rules.map((r) => (
            <li key={r}>
              <CheckCircleOutlined style={{ marginInlineEnd: 6, color: '#1f5fbf' }} />
              {t(r)}
            </li>
          ))}
        </ul>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
