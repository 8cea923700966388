import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.js';
import { hasFieldLabel } from './validation.js';

let t: TestApp;
beforeAll(async () => { t = await testApp(); });
afterAll(async () => { await t.close(); });

interface SchemaNode { properties?: Record<string, SchemaNode>; items?: SchemaNode; anyOf?: SchemaNode[]; oneOf?: SchemaNode[]; allOf?: SchemaNode[] }

function propertyNames(s: SchemaNode | undefined, out: Set<string>): void {
  if (!s || typeof s !== 'object') return;
  for (const [k, v] of Object.entries(s.properties ?? {})) { out.add(k); propertyNames(v, out); }
  propertyNames(s.items, out);
  for (const sub of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) propertyNames(sub, out);
}

// Principle 3: a refused request names the field in plain words. Every field a client can send (body, query,
// path) needs a readable label, or the message falls back to the raw key.
describe('every input field has a readable label', () => {
  it('labels each body, query and path field of every route', () => {
    const spec = t.app.swagger() as { paths: Record<string, Record<string, { parameters?: { name: string }[]; requestBody?: { content?: Record<string, { schema?: SchemaNode }> } }>> };
    const names = new Set<string>();
    for (const ops of Object.values(spec.paths)) {
      for (const op of Object.values(ops)) {
        for (const p of op.parameters ?? []) names.add(p.name);
        for (const c of Object.values(op.requestBody?.content ?? {})) propertyNames(c.schema, names);
      }
    }
    expect(names.size).toBeGreaterThan(40);
    expect([...names].filter((n) => !hasFieldLabel(n)).sort()).toEqual([]);
  });
});
