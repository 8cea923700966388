import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../shared/api';
import { clearSession, markLoggedOut } from '../session';

export function useLogout() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [pending, setPending] = useState(false);
  const logout = useCallback(async () => {
    setPending(true);
    try {
      await unwrap(api.POST('/api/auth/logout'));
    } catch {
      /* already signed out on the server, or offline: sign out here anyway */
    } finally {
      setPending(false);
      markLoggedOut();
      void navigate('/login', { replace: true });
      clearSession(qc);
    }
  }, [qc, navigate]);
  return { logout, pending };
}
