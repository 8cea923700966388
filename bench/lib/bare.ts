import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../server/src/platform/db/schema.js';
import { withTenant, type Tx, type TxContext } from '../../server/src/platform/db/tenancy.js';
import { resolveSession, SESSION_COOKIE } from '../../server/src/platform/auth/sessions.js';

/**
 * The floor for the authorized route: a Fastify instance with no plugin and no hook, whose one route
 * runs the statements listMembers (server/src/modules/org/service.ts) runs — the unit lookup, the
 * count and the page select — in the same kind of row-level-security transaction (withTenant, same
 * tenant and actor), and answers the same JSON shape with Fastify's default serializer. What it
 * leaves out is exactly what the platform adds: cookie session resolution, the permission check,
 * schema validation and coercion, the scope check, response-schema serialization.
 * Keep the queries in step with listMembers when it changes.
 *
 * A second route, /bare-session/..., first resolves the session cookie with the application's own
 * resolveSession (one database round trip) and then does the same: a diagnostic that splits the
 * authorized route's extra cost into "session lookup" and "the rest of the framework".
 */
export async function startBareApp(db: Kysely<DB>, ctx: TxContext): Promise<{ app: FastifyInstance; baseUrl: string }> {
  const app = Fastify({ logger: false });
  const cookieRe = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`);
  const listMembers = (id: string, query: { page?: string; pageSize?: string }) => bareListMembers(db, ctx, id, query);

  app.get('/bare/units/:id/members', async (req) => listMembers((req.params as { id: string }).id, req.query as { page?: string }));
  app.get('/bare-session/units/:id/members', async (req, reply) => {
    const token = cookieRe.exec(req.headers.cookie ?? '')?.[1];
    const r = token ? await resolveSession(db, token) : null;
    if (!r?.state) return reply.status(401).send({ error: 'unauthorized' });
    return listMembers((req.params as { id: string }).id, req.query as { page?: string });
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

/** The statements of listMembers for one page of a unit's members, in one RLS transaction. */
export function bareListMembers(db: Kysely<DB>, ctx: TxContext, id: string, query: { page?: string; pageSize?: string }) {
  return withTenant(db, ctx, (tx) => memberPage(tx, id, query));
}

/** listMembers' statements inside a transaction whose RLS context is already set: unit, count, page. */
export async function memberPage(tx: Tx, id: string, query: { page?: string; pageSize?: string }) {
  const page = Number(query.page ?? 1);
  const pageSize = Number(query.pageSize ?? 20);
  await tx.selectFrom('org_units').selectAll().where('id', '=', id).where('dissolved_at', 'is', null).executeTakeFirst();
  const base = tx.selectFrom('people as p').innerJoin('org_units as o', 'o.id', 'p.org_unit_id').where('p.org_unit_id', '=', id);
  const total = (await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const rows = await base
    .select(['p.id', 'p.name', 'p.gender', 'p.birth_date', 'p.ethnicity', 'p.education', 'p.job_title', 'p.party_status', 'o.name as org_unit_name'])
    .orderBy('p.name_pinyin').orderBy('p.id').limit(pageSize).offset((page - 1) * pageSize).execute();
  return {
    items: rows.map((r) => ({ id: r.id, name: r.name, gender: r.gender, birthDate: r.birth_date, ethnicity: r.ethnicity, education: r.education, jobTitle: r.job_title, partyStatus: r.party_status, orgUnitName: r.org_unit_name })),
    total: Number(total), page, pageSize,
  };
}
