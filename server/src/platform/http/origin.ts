import type { FastifyRequest } from 'fastify';
import { forbidden } from './errors.js';

/**
 * Whether a request comes from this site by its Origin header: the Origin's host must be the host the request was
 * made to (`req.host`: the Host header, or X-Forwarded-Host with TRUST_PROXY, so it works behind a proxy that
 * rewrites Host). Scheme-less on purpose: behind a TLS-terminating proxy the app itself sees plain HTTP.
 *
 * `required`: a WebSocket handshake carries no CSRF token, so its Origin must be present and match; a form post to a
 * public route (login) without an Origin comes from a non-browser client and is let through (a browser always sends
 * one on a cross-site POST).
 */
export function sameOrigin(req: FastifyRequest, opts: { required: boolean }): boolean {
  const origin = req.headers.origin;
  if (!origin) return !opts.required;
  try {
    return new URL(origin).host === req.host;
  } catch {
    return false;
  }
}

export const crossSiteRefused = () => forbidden({ zh: '请求来源不被允许', en: 'Cross-site request refused' });
