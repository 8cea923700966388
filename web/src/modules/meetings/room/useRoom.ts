/**
 * The live room in the browser: the snapshot over HTTP, then the room's events over a WebSocket from the snapshot's
 * sequence on. When the socket drops (network, server restart, a phone waking up) it reconnects with back-off and
 * resumes after the last event it applied, so nothing is missed and nothing applied twice. A heartbeat finds a dead
 * connection the browser has not noticed. Writes go through the ordinary API; the room learns of them as events.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../../../shared/api';
import { applyEvent, applyPresence, backoffMs, catchUp } from './reducer';
import type { Connection, RoomSnapshot, ServerMessage } from './types';

const PING_MS = 20_000;
const SILENCE_MS = 45_000;

const RECENT_EVENTS = 200;

type RecentEvent = { seq: number; type: string; data: unknown };

export const fetchRoom = (id: string) => unwrap(api.GET('/api/meetings/{id}/room', { params: { path: { id } } }));

export function useRoom(meetingId: string) {
  const [room, setRoom] = useState<RoomSnapshot | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [conn, setConn] = useState<Connection>('connecting');
  const seq = useRef(0);
  const ws = useRef<WebSocket | null>(null);
  const attempts = useRef(0);
  const stopped = useRef(false);
  const timers = useRef<{ retry?: number; ping?: number }>({});
  const lastHeard = useRef(Date.now());
  // Events applied lately: a snapshot that was read before one of them but arrives after it is brought up to date.
  const recent = useRef<RecentEvent[]>([]);

  const connect = useCallback(() => {
    if (stopped.current) return;
    const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const sock = new WebSocket(`${proto}//${window.location.host}/api/meetings/${meetingId}/room/live?after=${seq.current}`);
    ws.current = sock;
    lastHeard.current = Date.now();
    sock.onmessage = (e: MessageEvent<string>) => {
      lastHeard.current = Date.now();
      const m = JSON.parse(e.data) as ServerMessage;
      if (m.t === 'event') {
        if (m.seq <= seq.current) return;
        seq.current = m.seq;
        recent.current = [...recent.current, { seq: m.seq, type: m.type, data: m.data }].slice(-RECENT_EVENTS);
        setRoom((r) => (r ? applyEvent(r, m.type, m.data) : r));
      } else if (m.t === 'presence') {
        setRoom((r) => (r ? applyPresence(r, m) : r));
      } else if (m.t === 'ready') {
        attempts.current = 0;
        setConn('live');
      }
    };
    sock.onclose = (e: CloseEvent) => {
      if (ws.current !== sock || stopped.current) return;
      ws.current = null;
      if (e.code === 4401) { setConn('offline'); window.location.reload(); return; }
      setConn(attempts.current >= 4 ? 'offline' : 'reconnecting');
      const delay = backoffMs(attempts.current++);
      timers.current.retry = window.setTimeout(connect, delay);
    };
  }, [meetingId]);

  const reload = useCallback(async () => {
    try {
      const s = await fetchRoom(meetingId);
      // Events after the snapshot's sequence still arrive; the ones before it are in the snapshot already. Those
      // after it that came over the socket while the snapshot was on its way are applied to it again.
      seq.current = Math.max(seq.current, s.seq);
      setRoom(catchUp(s, recent.current));
      setError(null);
      return s;
    } catch (e) {
      setError(e);
      return null;
    }
  }, [meetingId]);

  useEffect(() => {
    stopped.current = false;
    seq.current = 0;
    recent.current = [];
    void reload().then((s) => { if (s) connect(); });
    timers.current.ping = window.setInterval(() => {
      const sock = ws.current;
      if (!sock || sock.readyState !== WebSocket.OPEN) return;
      if (Date.now() - lastHeard.current > SILENCE_MS) { sock.close(); return; }
      sock.send('{"t":"ping"}');
    }, PING_MS);
    const online = () => {
      if (ws.current) return;
      window.clearTimeout(timers.current.retry);
      attempts.current = 0;
      connect();
    };
    window.addEventListener('online', online);
    return () => {
      stopped.current = true;
      window.removeEventListener('online', online);
      window.clearTimeout(timers.current.retry);
      window.clearInterval(timers.current.ping);
      const sock = ws.current;
      ws.current = null;
      sock?.close();
    };
  }, [meetingId, connect, reload]);

  return { room, setRoom, error, conn, reload };
}
