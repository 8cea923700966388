import { EmptyState } from '../../shared/components/EmptyState';

// Placeholder until the screen lands.
export function DevelopmentPage() {
  return <EmptyState text="…" />;
}
