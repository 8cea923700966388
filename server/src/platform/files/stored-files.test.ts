// stored_files under row-level security: a tenant's files are its own; a shared file (政工云 resource sharing) is
// readable by every other tenant, which still cannot change, unshare or delete it. Bytes are stored once per tenant
// and content, and removed only when no record of the tenant needs them any more.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { withTenant, type TxContext } from '../db/tenancy.js';
import { asOwner, testDatabase } from '../../testing/db.js';
import { makeTenant, type TestTenant } from '../../testing/factories.js';
import { DEFAULT_LIMITS } from './content.js';
import { temporaryFileStore } from './config.js';
import { acceptUpload, findStoredFile, purgeIfUnreferenced, removeStoredFile, saveUpload, setFilesShared, type Files } from './service.js';
import { SAMPLE } from './testing.js';

let database: Database;
let a: TestTenant;
let b: TestTenant;
let files: Files;
const ctx = (tenantId: string): TxContext => ({ tenantId, actorId: null, actorName: 'files-test', sourceIp: '' });

beforeAll(async () => {
  database = await testDatabase();
  a = await makeTenant({ database });
  b = await makeTenant({ database });
  files = { store: temporaryFileStore(), limits: DEFAULT_LIMITS };
});
afterAll(async () => { await database?.close(); });

async function store(tenantId: string, data: Buffer, name: string) {
  const u = await acceptUpload(files, Readable.from([data]), { fileName: name, allowed: ['pdf', 'image'] });
  return withTenant(database.db, ctx(tenantId), (tx) => saveUpload(tx, ctx(tenantId), files, u));
}

describe('stored files', () => {
  it('records what the bytes are, keyed by tenant and content, stored once', async () => {
    const f1 = await store(a.tenantId, SAMPLE.pdf, '党章.pdf');
    const f2 = await store(a.tenantId, SAMPLE.pdf, '党章（副本）.pdf');
    expect(f1).toMatchObject({ tenant_id: a.tenantId, kind: 'pdf', content_type: 'application/pdf', size: SAMPLE.pdf.length, original_name: '党章.pdf', storage: 'local', shared: false });
    expect(f2.storage_key).toBe(f1.storage_key);
    expect(f1.storage_key.startsWith(`${a.tenantId}/`)).toBe(true);
    const fb = await store(b.tenantId, SAMPLE.pdf, 'same.pdf');
    expect(fb.storage_key.startsWith(`${b.tenantId}/`)).toBe(true);

    // Removing one of two records keeps the bytes; removing the last removes them.
    const r1 = await withTenant(database.db, ctx(a.tenantId), (tx) => removeStoredFile(tx, f1.id));
    await purgeIfUnreferenced(database.db, ctx(a.tenantId), files, r1!);
    expect(await files.store.has(f1.storage_key)).toBe(true);
    const r2 = await withTenant(database.db, ctx(a.tenantId), (tx) => removeStoredFile(tx, f2.id));
    await purgeIfUnreferenced(database.db, ctx(a.tenantId), files, r2!);
    expect(await files.store.has(f1.storage_key)).toBe(false);
    expect(await files.store.has(fb.storage_key)).toBe(true);
  });

  it('shows a file to its tenant only, until it is shared; others read a shared file and cannot change it', async () => {
    const f = await store(a.tenantId, SAMPLE.png, '党徽.png');
    expect(await withTenant(database.db, ctx(b.tenantId), (tx) => findStoredFile(tx, f.id))).toBeUndefined();
    await withTenant(database.db, ctx(b.tenantId), (tx) => setFilesShared(tx, [f.id], true));
    expect((await asOwner(database, (tx) => tx.selectFrom('stored_files').select('shared').where('id', '=', f.id).executeTakeFirstOrThrow())).shared).toBe(false);

    await withTenant(database.db, ctx(a.tenantId), (tx) => setFilesShared(tx, [f.id], true));
    expect(await withTenant(database.db, ctx(b.tenantId), (tx) => findStoredFile(tx, f.id))).toMatchObject({ id: f.id, shared: true });
    // B may read it but neither unshare nor delete it, nor move it into its own tenant.
    const changed = await withTenant(database.db, ctx(b.tenantId), async (tx) => {
      const u = await tx.updateTable('stored_files').set({ shared: false }).where('id', '=', f.id).executeTakeFirst();
      const d = await tx.deleteFrom('stored_files').where('id', '=', f.id).executeTakeFirst();
      return [Number(u.numUpdatedRows), Number(d.numDeletedRows)];
    });
    expect(changed).toEqual([0, 0]);
    await expect(withTenant(database.db, ctx(b.tenantId), (tx) => tx.updateTable('stored_files').set({ tenant_id: b.tenantId } as never).where('id', '=', f.id).execute())).rejects.toThrow(/permission denied/);
    // No tenant context: nothing, shared or not.
    const none = await database.db.transaction().execute((tx) => tx.selectFrom('stored_files').select('id').execute());
    expect(none).toEqual([]);
    expect(fs.existsSync(files.store.spoolDir)).toBe(true);
  });
});
