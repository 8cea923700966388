import { EmptyState } from '../../shared/components/EmptyState';

// Placeholder until the screen lands.
export function MyRecordPage() {
  return <EmptyState text="…" />;
}
