import { CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../app/preferences';
import { copyText } from '../clipboard';
import { useNotify } from '../hooks/useNotify';

/** A secret the server shows once (temporary password): large, selectable, with a copy button. */
export function OneTimeSecret({ label, value, hint }: { label: ReactNode; value: string; hint: ReactNode }) {
  const t = useT();
  const notify = useNotify();
  return (
    <Flex vertical gap={12}>
      <Alert type="warning" showIcon title={t('common.showOnce')} description={hint} />
      <div>
        <Typography.Text type="secondary">{label}</Typography.Text>
        <Flex align="center" gap={8} wrap>
          <Typography.Text className="zg-secret" data-testid="one-time-secret" code copyable={false}>
            {value}
          </Typography.Text>
          <Button
            icon={<CopyOutlined />}
            data-testid="one-time-secret-copy"
            onClick={() => {
              void copyText(value).then((ok) =>
                ok ? notify.success(t('common.copied')) : notify.warn(t('common.copyFailed')),
              );
            }}
          >
            {t('common.copy')}
          </Button>
        </Flex>
      </div>
    </Flex>
  );
}
