import { EmptyState } from '../../shared/components/EmptyState';

// Placeholder until the screen lands.
export function StatsPage() {
  return <EmptyState text="…" />;
}
