import { describe, expect, it } from 'vitest';
import { ApiError, errorText, fallbackErrorKey, networkError, toApiError } from './errors';

describe('API error mapping', () => {
  it('keeps the server code, localized message and field', () => {
    const e = toApiError(400, { statusCode: 400, error: 'validation', message: '新密码至少需要 10 个字符', field: 'newPassword' });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(400);
    expect(e.code).toBe('validation');
    expect(e.message).toBe('新密码至少需要 10 个字符');
    expect(e.field).toBe('newPassword');
  });

  it('survives bodies that are not the error shape', () => {
    expect(toApiError(502, '<html>Bad gateway</html>').message).toBe('');
    expect(toApiError(500, undefined).code).toBe('http_500');
    expect(toApiError(429, 'Too many requests').message).toBe('Too many requests');
    expect(toApiError(403, { message: 42 }).message).toBe('');
    expect(toApiError(400, { error: 'x', message: 'm', field: '' }).field).toBeUndefined();
  });

  it('falls back to a plain sentence by status when the server sent none', () => {
    const t = (k: string) => `[${k}]`;
    expect(errorText(toApiError(423, {}), t)).toBe('[error.locked]');
    expect(errorText(toApiError(401, { message: '会话已过期，请重新登录' }), t)).toBe('会话已过期，请重新登录');
    expect(errorText(networkError(), t)).toBe('[error.network]');
    expect(errorText(new Error('boom'), t)).toBe('[error.unknown]');
    expect(fallbackErrorKey(503)).toBe('error.server');
    expect(fallbackErrorKey(404)).toBe('error.notFound');
  });
});
