import { describe, expect, it } from 'vitest';
import { ACTION_NAMES, actionName } from './actions';

describe('audit action names', () => {
  it('names known actions in the chosen language and falls back to the code', () => {
    expect(actionName('auth.login', 'zh-CN')).toBe('登录');
    expect(actionName('auth.login', 'en-US')).toBe('Sign in');
    expect(actionName('something.new', 'zh-CN')).toBe('something.new');
  });
});

// The server's source, read as text: every audit action it writes as a literal must have a plain name here,
// so a new action shows up in this test rather than as a bare code on the auditor's screen.
const serverSources = import.meta.glob<string>(['../../../../server/src/**/*.ts', '!../../../../server/src/**/*.test.ts', '!../../../../server/src/testing/**'], { query: '?raw', import: 'default', eager: true });

describe('every audit action the server writes has a name', () => {
  it('finds the server sources', () => {
    expect(Object.keys(serverSources).length).toBeGreaterThan(50);
  });

  it('names each literal action', () => {
    const actions = new Set<string>();
    for (const text of Object.values(serverSources)) {
      for (const m of text.matchAll(/action: (?:[^,]*\? )?'([a-z_]+\.[a-z_.]+)'(?: : '([a-z_]+\.[a-z_.]+)')?/g)) {
        if (m[1]) actions.add(m[1]);
        if (m[2]) actions.add(m[2]);
      }
    }
    expect(actions.size).toBeGreaterThan(30);
    expect([...actions].filter((a) => !(a in ACTION_NAMES)).sort()).toEqual([]);
  });
});
