import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { LanguageSwitch, LargeTextSwitch } from '../../app/layout/HeaderControls';
import { useT } from '../../app/preferences';

/** The frame of every sign-in step: brand, large-text and language switches, one card. */
export function AuthLayout({ title, subtitle, children }: { title: ReactNode; subtitle?: ReactNode; children: ReactNode }) {
  const t = useT();
  return (
    <div className="zg-auth">
      <div className="zg-auth-top">
        <div className="zg-brand">
          <span className="zg-brand-mark" aria-hidden>
            政
          </span>
          <span>{t('app.name')}</span>
        </div>
        <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
          <LargeTextSwitch compact />
          <LanguageSwitch compact />
        </div>
      </div>
      <Card className="zg-auth-card">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
        {subtitle !== undefined && (
          <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
            {subtitle}
          </Typography.Paragraph>
        )}
        {children}
      </Card>
    </div>
  );
}
