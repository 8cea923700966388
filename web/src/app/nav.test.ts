import { describe, expect, it } from 'vitest';
import { navEntryFor, routePermission, visibleNav } from './nav';

describe('navigation follows permissions', () => {
  it('a party member without admin permissions sees 首页, 组织生活, 民主评议, 我的档案, 我的党费, 消息 and 我的账号', () => {
    expect(visibleNav([]).map((e) => e.key)).toEqual(['home', 'meetings', 'evaluation', 'myRecord', 'myDues', 'notifications', 'me']);
  });

  it('a security admin sees the screens of its permissions, in menu order', () => {
    const keys = visibleNav(['security.manage', 'accounts.read', 'roles.grant']).map((e) => e.key);
    expect(keys).toEqual(['home', 'meetings', 'evaluation', 'myRecord', 'myDues', 'accounts', 'security', 'notifications', 'me']);
  });

  it('an auditor sees the audit log but not accounts', () => {
    const keys = visibleNav(['audit.read']).map((e) => e.key);
    expect(keys).toContain('audit');
    expect(keys).not.toContain('accounts');
  });

  it('maps paths to the permission they need', () => {
    expect(routePermission('/audit')).toBe('audit.read');
    expect(routePermission('/audit/')).toBe('audit.read');
    expect(routePermission('/org')).toBe('org.read');
    expect(routePermission('/platform')).toBe('platform.tenants');
    expect(routePermission('/')).toBeNull();
    expect(routePermission('/me')).toBeNull();
    expect(routePermission('/no-such-page')).toBeNull();
  });

  it('does not confuse a path that only starts with a nav path', () => {
    expect(navEntryFor('/organization')).toBeUndefined();
    expect(navEntryFor('/org/x')?.key).toBe('org');
  });
});
