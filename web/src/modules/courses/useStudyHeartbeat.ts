/**
 * The player's heartbeat (RULES.md §8: the server measures study time). While the lesson's page is visible it tells
 * the server every 15 s which lesson it shows (and the playback position of a recording); it never sends a duration.
 * Hidden page → a last heartbeat that ends the visit, then nothing; visible again → a new visit. When another tab or
 * device takes over, the server says "superseded" and this page stops until the learner chooses to continue here.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, requestHeaders, unwrap } from '../../shared/api';
import { uuid, type HeartbeatReply } from './queries';

export const HEARTBEAT_MS = 15_000;

export type StudyState = 'starting' | 'counting' | 'paused' | 'superseded' | 'capped' | 'offline';

export function useStudyHeartbeat(lessonId: string, opts: { position?: () => number | undefined; enabled: boolean }) {
  const [state, setStateRaw] = useState<StudyState>('starting');
  const stateRef = useRef<StudyState>('starting');
  const setState = useCallback((next: StudyState | ((s: StudyState) => StudyState)) => {
    stateRef.current = typeof next === 'function' ? next(stateRef.current) : next;
    setStateRaw(stateRef.current);
  }, []);
  const [reply, setReply] = useState<HeartbeatReply | null>(null);
  const key = useRef(uuid());
  const seq = useRef(0);
  const stopped = useRef(false);
  const positionRef = useRef(opts.position);
  positionRef.current = opts.position;

  const body = useCallback((final: boolean) => {
    const position = positionRef.current?.();
    return { lessonId, clientKey: key.current, seq: seq.current++, ...(position !== undefined && Number.isFinite(position) ? { position: Math.max(0, position) } : {}), ...(final ? { final: true } : {}) };
  }, [lessonId]);

  const send = useCallback(async () => {
    if (stopped.current || document.visibilityState !== 'visible') return;
    try {
      const r = await unwrap(api.POST('/api/learning/heartbeat', { body: body(false) }));
      setReply(r);
      if (r.reason === 'superseded' || r.reason === 'ended') {
        stopped.current = true;
        setState('superseded');
      } else if (r.reason === 'capped') setState('capped');
      else setState('counting');
    } catch {
      setState('offline');
    }
  }, [body, setState]);

  /** The last heartbeat of a visit, sent even while the page goes away (keepalive keeps the CSRF header, unlike a beacon). */
  const finish = useCallback(() => {
    if (stopped.current) return;
    void fetch('/api/learning/heartbeat', {
      method: 'POST', keepalive: true, credentials: 'same-origin',
      headers: { ...requestHeaders('POST'), 'content-type': 'application/json' }, body: JSON.stringify(body(true)),
    }).catch(() => undefined);
  }, [body]);

  /** Starts a new visit on this page (after it was hidden, or to take over from another tab). */
  const restart = useCallback(() => {
    key.current = uuid();
    seq.current = 0;
    stopped.current = false;
    setState('starting');
    void send();
  }, [send, setState]);

  useEffect(() => {
    if (!opts.enabled) return;
    // Each lesson shown is its own visit (the server ties a page key to one lesson).
    key.current = uuid();
    seq.current = 0;
    stopped.current = false;
    void send();
    const timer = window.setInterval(() => void send(), HEARTBEAT_MS);
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        finish();
        stopped.current = true;
        setState((s) => (s === 'superseded' ? s : 'paused'));
      } else if (stateRef.current !== 'superseded') {
        restart();
      }
    };
    document.addEventListener('visibilitychange', onVisibility);
    const onLeave = () => finish();
    window.addEventListener('pagehide', onLeave);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onLeave);
      finish();
      stopped.current = true;
    };
  }, [lessonId, opts.enabled, send, finish, restart, setState]);

  return { state, reply, continueHere: restart };
}
