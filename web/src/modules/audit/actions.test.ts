import { describe, expect, it } from 'vitest';
import { actionName } from './actions';

describe('audit action names', () => {
  it('names known actions in the chosen language and falls back to the code', () => {
    expect(actionName('auth.login', 'zh-CN')).toBe('登录');
    expect(actionName('auth.login', 'en-US')).toBe('Sign in');
    expect(actionName('something.new', 'zh-CN')).toBe('something.new');
  });
});
