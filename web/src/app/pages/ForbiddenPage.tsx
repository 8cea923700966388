import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../preferences';

export function ForbiddenPage() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      data-testid="forbidden-page"
      title={t('forbidden.title')}
      subTitle={t('forbidden.desc')}
      extra={
        <Button type="primary" size="large" data-testid="back-home" onClick={() => void navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}
