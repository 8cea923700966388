import { App } from 'antd';
import { useCallback, useMemo } from 'react';
import { useT } from '../../app/preferences';
import { errorText } from '../errors';

/** Toast helpers that show the server's localized message for failures. */
export function useNotify() {
  const { message } = App.useApp();
  const t = useT();
  const success = useCallback((text: string) => void message.success(text), [message]);
  const failure = useCallback((err: unknown) => void message.error(errorText(err, t)), [message, t]);
  const warn = useCallback((text: string) => void message.warning(text), [message]);
  return useMemo(() => ({ success, failure, warn }), [success, failure, warn]);
}
