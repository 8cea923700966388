import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Flex } from 'antd';
import { useState } from 'react';
import { useT } from '../../app/preferences';
import { copyText, downloadText } from '../../shared/clipboard';
import { useNotify } from '../../shared/hooks/useNotify';

/** Recovery codes, shown once: copy, download, then confirm they were saved. */
export function RecoveryCodes({ codes, onContinue }: { codes: readonly string[]; onContinue: () => void }) {
  const t = useT();
  const notify = useNotify();
  const [saved, setSaved] = useState(false);
  const text = `${t('recovery.fileTitle')}\n\n${codes.join('\n')}\n`;
  return (
    <Flex vertical gap={16}>
      <Alert type="warning" showIcon title={t('recovery.title')} description={t('recovery.hint')} />
      <div className="zg-codes" data-testid="recovery-codes">
        {codes.map((c) => (
          <span key={c}>{c}</span>
        ))}
      </div>
      <Flex gap={8} wrap>
        <Button
          icon={<CopyOutlined />}
          data-testid="recovery-copy"
          onClick={() =>
            void copyText(codes.join('\n')).then((ok) =>
              ok ? notify.success(t('common.copied')) : notify.warn(t('common.copyFailed')),
            )
          }
        >
          {t('recovery.copy')}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          data-testid="recovery-download"
          onClick={() => downloadText(text, 'zhenggong-recovery-codes.txt')}
        >
          {t('recovery.download')}
        </Button>
      </Flex>
      <Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)} data-testid="recovery-saved">
        {t('recovery.saved')}
      </Checkbox>
      <Button type="primary" block disabled={!saved} onClick={onContinue} data-testid="recovery-continue">
        {t('recovery.continue')}
      </Button>
    </Flex>
  );
}
