// One Origin check for the app (platform/http/origin.ts): the login's cross-site guard and the WebSocket handshake.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { sameOrigin } from './origin.js';

describe('sameOrigin', () => {
  it('compares the Origin host with the request host; a missing Origin passes only when not required', async () => {
    const app = Fastify();
    app.get('/o', async (req) => ({ loose: sameOrigin(req, { required: false }), strict: sameOrigin(req, { required: true }) }));
    const ask = async (headers: Record<string, string>) => (await app.inject({ method: 'GET', url: '/o', headers })).json<{ loose: boolean; strict: boolean }>();
    expect(await ask({ host: 'zg.example.cn', origin: 'https://zg.example.cn' })).toEqual({ loose: true, strict: true });
    expect(await ask({ host: 'zg.example.cn:8443', origin: 'https://zg.example.cn:8443' })).toEqual({ loose: true, strict: true });
    expect(await ask({ host: 'zg.example.cn', origin: 'https://evil.example.com' })).toEqual({ loose: false, strict: false });
    expect(await ask({ host: 'zg.example.cn', origin: 'null' })).toEqual({ loose: false, strict: false });
    expect(await ask({ host: 'zg.example.cn' })).toEqual({ loose: true, strict: false });
    await app.close();
  });

  it('honours X-Forwarded-Host only behind a trusted proxy', async () => {
    const trusted = Fastify({ trustProxy: true });
    trusted.get('/o', async (req) => sameOrigin(req, { required: true }));
    const h = { host: 'app:3000', 'x-forwarded-host': 'zg.example.cn', origin: 'https://zg.example.cn' };
    expect((await trusted.inject({ method: 'GET', url: '/o', headers: h })).json()).toBe(true);
    const direct = Fastify();
    direct.get('/o', async (req) => sameOrigin(req, { required: true }));
    expect((await direct.inject({ method: 'GET', url: '/o', headers: h })).json()).toBe(false);
    await Promise.all([trusted.close(), direct.close()]);
  });
});
