const KEY = 'zg.tenant';
export const DEFAULT_TENANT = 'demo';

export function readTenantCode(): string {
  try {
    const v = window.localStorage.getItem(KEY);
    return v !== null && v.trim() !== '' ? v : DEFAULT_TENANT;
  } catch {
    return DEFAULT_TENANT;
  }
}

export function rememberTenantCode(code: string): void {
  try {
    window.localStorage.setItem(KEY, code);
  } catch {
    /* not remembered in private mode */
  }
}
