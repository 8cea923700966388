import type { FastifyRequest } from 'fastify';
import type { Msg } from './errors.js';

export type Lang = 'zh-CN' | 'en-US';

/** The request's language: the signed-in user's choice, else Accept-Language, else Chinese. */
export function langOf(req: FastifyRequest): Lang {
  if (req.auth?.locale) return req.auth.locale;
  const header = req.headers['accept-language'] ?? '';
  return /^\s*en\b/i.test(header) ? 'en-US' : 'zh-CN';
}

export function pick(msg: Msg, lang: Lang): string {
  return lang === 'en-US' ? msg.en : msg.zh;
}
