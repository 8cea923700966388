/**
 * The rotating sign-in code shown on the room's big screen: a token signed with the room's secret for a 30-second
 * window. A phone that is signed in scans it (the code is a link into the app) and signs its owner in. The current and
 * the previous window are accepted, so a code is good for 30–60 seconds: a photo sent out of the room soon stops
 * working. Pure: the time comes in as an argument.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const QR_PERIOD_SECONDS = 30;

const windowOf = (now: Date) => Math.floor(now.getTime() / (QR_PERIOD_SECONDS * 1000));
const mac = (key: string, meetingId: string, w: number) => createHmac('sha256', key).update(`${meetingId}:${w}`).digest('base64url').slice(0, 22);

export function qrToken(key: string, meetingId: string, now: Date): { token: string; expiresAt: Date } {
  const w = windowOf(now);
  return { token: `${w.toString(36)}.${mac(key, meetingId, w)}`, expiresAt: new Date((w + 1) * QR_PERIOD_SECONDS * 1000) };
}

export function verifyQrToken(key: string, meetingId: string, token: string, now: Date): boolean {
  const m = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return false;
  const w = parseInt(m[1]!, 36);
  const cur = windowOf(now);
  if (w !== cur && w !== cur - 1) return false;
  const want = Buffer.from(mac(key, meetingId, w));
  const got = Buffer.from(m[2]!);
  return want.length === got.length && timingSafeEqual(want, got);
}
