import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { onUnauthorized } from '../shared/api';
import { ApiError } from '../shared/errors';
import { PreferencesProvider, usePreferences } from './preferences';
import { createRouter } from './router';

import { clearSession, markSessionExpired, SESSION_KEY } from './session';
import { buildTheme } from './theme';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      staleTime: 30_000,
      // Retry only what may heal by itself (network, 5xx), never a refusal.
      retry: (count, err) => count < 2 && (!(err instanceof ApiError) || err.status === 0 || err.status >= 500),
    },
  },
});

const router = createRouter();

// Any 401 while signed in: the session has expired. Back to /login with a message.
// Any 401 while signed in: the session has expired. The route guards then redirect to /login,
// which says "会话已过期，请重新登录".
onUnauthorized(() => {
  if (queryClient.getQueryData(SESSION_KEY) == null) return;
  markSessionExpired();
  clearSession(queryClient);
});

function Themed() {
  const { locale, largeText } = usePreferences();
  return (
    <ConfigProvider
      locale={locale === 'zh-CN' ? zhCN : enUS}
      theme={buildTheme(largeText)}
      componentSize={largeText ? 'large' : 'middle'}
    >
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <PreferencesProvider>
        <Themed />
      </PreferencesProvider>
    </QueryClientProvider>
  );
}
