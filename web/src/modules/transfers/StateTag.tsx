import { Tag } from 'antd';
import { useT } from '../../app/preferences';
import type { TransferState } from '../../shared/api-models';
import { STATE_COLORS } from './queries';

export function StateTag({ state }: { state: TransferState }) {
  const t = useT();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="transfer-state" data-state={state}>
      {t(`tr.state.${state}`)}
    </Tag>
  );
}
