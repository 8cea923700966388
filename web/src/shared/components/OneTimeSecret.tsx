import { CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../app/preferences';
import { copyText } from '../clipboard';
import { useNotify } from '../hooks/useNotify';

interface SecretProps {
  /** What the secret is, e.g. 临时密码. */
  label: ReactNode;
  value: string;
  /** Who it is for and what to do with it. */
  hint: ReactNode;
}

/** A secret the server shows once (temporary password): large, selectable, with a copy button. */
function OneTimeSecret({ label, value, hint }: SecretProps) {
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

interface ModalProps extends SecretProps {
  open: boolean;
  title: ReactNode;
  /** Closes the modal: the 完成 button and the close icon (the mask does not close it). */
  onDone: () => void;
  /** Shown above the secret, e.g. what was created. */
  children?: ReactNode;
}

/** The result modal of an action that returns a one-time secret (new account, password reset, new enterprise). */
export function OneTimeSecretModal({ open, title, onDone, children, ...secret }: ModalProps) {
  const t = useT();
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onDone}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onDone} data-testid="secret-done">
          {t('common.done')}
        </Button>
      }
    >
      {open && (
        <>
          {children}
          <OneTimeSecret {...secret} />
        </>
      )}
    </Modal>
  );
}
