import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, toAuditQuery, toSearchString } from './filters';

describe('audit filters', () => {
  it('sends nothing for empty filters', () => {
    expect(toAuditQuery(EMPTY_FILTERS)).toEqual({});
    expect(toSearchString({})).toBe('');
  });

  it('turns Shanghai calendar days into UTC instants covering the whole days', () => {
    const q = toAuditQuery({ ...EMPTY_FILTERS, from: '2026-03-01', to: '2026-03-02' });
    expect(q.from).toBe('2026-02-28T16:00:00.000Z');
    expect(q.to).toBe('2026-03-02T15:59:59.999Z');
  });

  it('trims text filters and keeps the result', () => {
    const q = toAuditQuery({ ...EMPTY_FILTERS, actor: ' 张三 ', action: ' auth.login', result: 'failure' });
    expect(q).toEqual({ actor: '张三', action: 'auth.login', result: 'failure' });
    expect(toSearchString(q)).toBe('?actor=%E5%BC%A0%E4%B8%89&action=auth.login&result=failure');
  });
});
