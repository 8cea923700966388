import { Tag } from 'antd';
import { useT } from '../../app/preferences';
import type { TransferState } from '../../shared/api-models';
import { STATE_COLORS } from './queries';

/** An issued letter reads 转出中 to the sender and 待接收 to the receiver. */
export function StateTag({ state, incoming = false }: { state: TransferState; incoming?: boolean }) {
  const t = useT();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="transfer-state" data-state={state}>
      {incoming && state === 'issued' ? t('tr.state.pending') : t(`tr.state.${state}`)}
    </Tag>
  );
}
