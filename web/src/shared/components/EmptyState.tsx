import { Empty } from 'antd';
import type { ReactNode } from 'react';

export function EmptyState({ text, children }: { text: ReactNode; children?: ReactNode }) {
  return (
    <Empty className="zg-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description={text}>
      {children}
    </Empty>
  );
}
