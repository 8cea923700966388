// The API document and the web app's typed client (ARCHITECTURE.md "typed API client generated from
// the server's OpenAPI"): the served document is valid OpenAPI 3 and lists every route with its
// permission, and the committed client types match what the routes produce now.
import fs from 'node:fs';
import path from 'node:path';
import openapiTS from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes } from './gen-openapi.js';
import { testApp, type TestApp } from '../testing/app.js';

interface Parameter { in: string; name: string; required?: boolean; schema?: unknown }
interface Operation { summary?: string; parameters?: Parameter[]; responses?: Record<string, unknown>; 'x-permission'?: string; operationId?: string }
interface Document { openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, Operation>>; components?: Record<string, Record<string, unknown>> }

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Routes deliberately left out of the document: the document itself and the docs UI. */
const hidden = (url: string) => url === '/api/openapi.json' || url.startsWith('/api/docs');

let t: TestApp;
let spec: Document;

beforeAll(async () => {
  t = await testApp();
  const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  spec = res.json<Document>();
});

afterAll(async () => {
  await t?.close();
});

/** Every "$ref" in the document, for checking that each one resolves. */
function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) refs(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3 document that the generator’s validator (Redocly) accepts', async () => {
    expect(spec.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(spec.info.title).toContain('智慧政工云');
    expect(spec.info.version).toBe('0.0.0-test');
    await expect(openapiTS(JSON.parse(JSON.stringify(spec)) as Parameters<typeof openapiTS>[0], { silent: true })).resolves.toBeDefined();
  });

  it('lists every registered route with its method and declared permission', () => {
    const missing: string[] = [];
    const wrongPermission: string[] = [];
    for (const r of t.app.routeTable.filter((x) => x.url.startsWith('/api') && !hidden(x.url))) {
      const op = spec.paths[r.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[r.method.toLowerCase()];
      if (!op) missing.push(`${r.method} ${r.url}`);
      else if (op['x-permission'] !== r.permission) wrongPermission.push(`${r.method} ${r.url}: ${op['x-permission']} ≠ ${r.permission}`);
    }
    expect(missing).toEqual([]);
    expect(wrongPermission).toEqual([]);
    const documented = Object.values(spec.paths).reduce((n, item) => n + Object.keys(item).filter((m) => HTTP_METHODS.includes(m)).length, 0);
    expect(documented).toBe(t.app.routeTable.filter((x) => x.url.startsWith('/api') && !hidden(x.url)).length);
  });

  it('is well formed: path parameters declared and required, responses present, unique operation ids, refs resolve', () => {
    const problems: string[] = [];
    const operationIds = new Set<string>();
    for (const [p, item] of Object.entries(spec.paths)) {
      const templated = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(item).filter(([m]) => HTTP_METHODS.includes(m))) {
        const where = `${method.toUpperCase()} ${p}`;
        const pathParams = (op.parameters ?? []).filter((x) => x.in === 'path');
        for (const name of templated) {
          const decl = pathParams.find((x) => x.name === name);
          if (!decl || decl.required !== true) problems.push(`${where}: path parameter ${name} not declared as required`);
        }
        for (const decl of pathParams) if (!templated.includes(decl.name)) problems.push(`${where}: declares path parameter ${decl.name} not in the path`);
        if (!op.responses || Object.keys(op.responses).length === 0) problems.push(`${where}: no responses`);
        if (!op.summary) problems.push(`${where}: no summary`);
        if (op.operationId) {
          if (operationIds.has(op.operationId)) problems.push(`${where}: duplicate operationId ${op.operationId}`);
          operationIds.add(op.operationId);
        }
      }
    }
    for (const ref of refs(spec)) {
      const target = ref.replace(/^#\//, '').split('/').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), spec);
      if (!ref.startsWith('#/') || target === undefined) problems.push(`unresolved $ref ${ref}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('web/src/shared/api-types.ts', () => {
  it('is what `npm run gen:api` generates from the routes as they are now', async () => {
    const { types } = await generateApiTypes();
    const committed = fs.existsSync(API_TYPES_FILE) ? fs.readFileSync(API_TYPES_FILE, 'utf8') : '';
    if (committed !== types) {
      const file = path.relative(path.resolve(API_TYPES_FILE, '../../../..'), API_TYPES_FILE);
      expect.fail(`${file} is out of date with the server's routes. Run \`npm run gen:api\` and commit the result.`);
    }
  });
});
