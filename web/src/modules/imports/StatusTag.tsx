import { Tag } from 'antd';
import { useT } from '../../app/preferences';
import type { ImportJob } from '../../shared/api-models';

const COLORS: Record<ImportJob['status'], string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error' };

export function StatusTag({ status }: { status: ImportJob['status'] }) {
  const t = useT();
  return <Tag color={COLORS[status]} data-testid="import-status">{t(`imports.status.${status}`)}</Tag>;
}
