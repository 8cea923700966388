import { describe, expect, it } from 'vitest';
import { qrToken, verifyQrToken } from './qr.js';

const key = 'k'.repeat(43);
const meeting = '7d1c6a4e-3f1e-4b8a-9a55-0c8f1f0a2b11';
const t0 = new Date('2026-11-30T02:00:05Z');
const plus = (s: number) => new Date(t0.getTime() + s * 1000);

describe('rotating sign-in code', () => {
  it('is accepted in its window and the next one, then refused', () => {
    const { token, expiresAt } = qrToken(key, meeting, t0);
    expect(expiresAt.toISOString()).toBe('2026-11-30T02:00:30.000Z');
    expect(verifyQrToken(key, meeting, token, t0)).toBe(true);
    expect(verifyQrToken(key, meeting, token, plus(40))).toBe(true);
    expect(verifyQrToken(key, meeting, token, plus(60))).toBe(false);
    // Not before it was issued either (a guessed future window).
    expect(verifyQrToken(key, meeting, qrToken(key, meeting, plus(30)).token, t0)).toBe(false);
  });

  it('rotates every 30 seconds and belongs to one meeting and one key', () => {
    const a = qrToken(key, meeting, t0).token;
    expect(qrToken(key, meeting, plus(10)).token).toBe(a);
    expect(qrToken(key, meeting, plus(30)).token).not.toBe(a);
    expect(verifyQrToken(key, '00000000-0000-4000-8000-000000000000', a, t0)).toBe(false);
    expect(verifyQrToken('x'.repeat(43), meeting, a, t0)).toBe(false);
  });

  it('refuses malformed or tampered tokens', () => {
    const a = qrToken(key, meeting, t0).token;
    const flipped = a.slice(0, -1) + (a.endsWith('A') ? 'B' : 'A');
    for (const bad of ['', 'abc', `${a}x`, flipped, '../..', 'zzzzzzzzzzzzz.aaaaaaaaaaaaaaaaaaaaaa']) expect(verifyQrToken(key, meeting, bad, t0)).toBe(false);
  });
});
