import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useIsMobile } from '../hooks/useIsMobile';

/** Page title and actions. On phones the top bar already names the page, so only the actions remain. */
export function PageHeader({ title, extra, subtitle }: { title: ReactNode; extra?: ReactNode; subtitle?: ReactNode }) {
  const isMobile = useIsMobile();
  if (isMobile && extra === undefined && subtitle === undefined) return null;
  return (
    <Flex className="zg-page-header" justify={isMobile ? 'flex-end' : 'space-between'} align="center" wrap gap={12}>
      {!isMobile && (
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subtitle !== undefined && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
        </div>
      )}
      {isMobile && subtitle !== undefined && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
      {extra !== undefined && (
        <Flex gap={8} wrap>
          {extra}
        </Flex>
      )}
    </Flex>
  );
}
