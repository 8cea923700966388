import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import type { MessageKey } from '../i18n/translate';
import { useT } from '../preferences';

/** A full-page status (403, 404) with a way back to the home page. */
function StatusPage({ status, testId, title, desc }: { status: '403' | '404'; testId: string; title: MessageKey; desc: MessageKey }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status={status}
      data-testid={testId}
      title={t(title)}
      subTitle={t(desc)}
      extra={
        <Button type="primary" size="large" data-testid="back-home" onClick={() => void navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}

/** 无权访问: a route the session's permissions do not include. */
export function ForbiddenPage() {
  return <StatusPage status="403" testId="forbidden-page" title="forbidden.title" desc="forbidden.desc" />;
}

/** 页面不存在: no route matches. */
export function NotFoundPage() {
  return <StatusPage status="404" testId="not-found-page" title="notFound.title" desc="notFound.desc" />;
}
