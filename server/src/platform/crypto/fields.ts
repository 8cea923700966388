import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Encryption of sensitive fields at rest (ID numbers, phones, TOTP secrets, talk content) with a key
 * kept outside the database. Two algorithms, chosen per tenant:
 *  - 'aes': AES-256-GCM.
 *  - 'sm4': SM4-CTR with an HMAC-SM3 tag (encrypt-then-MAC), for tenants that require the national
 *    algorithms (等保 2.0; OpenSSL offers SM4 without an AEAD mode, so integrity comes from the MAC).
 * Ciphertext format: `<alg>:v1:<iv b64url>:<data b64url>:<tag b64url>` — self-describing, so a tenant
 * can switch algorithms and still read old values.
 */
export type FieldAlgorithm = 'aes' | 'sm4';

export class FieldCipher {
  private readonly aesKey: Buffer;
  private readonly sm4Key: Buffer;
  private readonly macKey: Buffer;
  private readonly lookupKey: Buffer;

  constructor(master: Buffer) {
    if (master.length < 32) throw new Error('master key must be at least 32 bytes');
    const derive = (label: string, len: number) => Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), label, len));
    this.aesKey = derive('zg/aes-256-gcm', 32);
    this.sm4Key = derive('zg/sm4-ctr', 16);
    this.macKey = derive('zg/hmac-sm3', 32);
    this.lookupKey = derive('zg/lookup', 32);
  }

  encrypt(plain: string, alg: FieldAlgorithm = 'aes'): string {
    const b = (x: Buffer) => x.toString('base64url');
    if (alg === 'aes') {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', this.aesKey, iv);
      const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return `aes:v1:${b(iv)}:${b(data)}:${b(c.getAuthTag())}`;
    }
    const iv = crypto.randomBytes(16);
    const c = crypto.createCipheriv('sm4-ctr', this.sm4Key, iv);
    const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    const tag = crypto.createHmac('sm3', this.macKey).update(iv).update(data).digest();
    return `sm4:v1:${b(iv)}:${b(data)}:${b(tag)}`;
  }

  decrypt(token: string): string {
    const [alg, ver, ivS, dataS, tagS] = token.split(':');
    if (ver !== 'v1' || !ivS || dataS === undefined || !tagS) throw new Error('unrecognised ciphertext');
    const iv = Buffer.from(ivS, 'base64url');
    const data = Buffer.from(dataS, 'base64url');
    const tag = Buffer.from(tagS, 'base64url');
    if (alg === 'aes') {
      const d = crypto.createDecipheriv('aes-256-gcm', this.aesKey, iv);
      d.setAuthTag(tag);
      return Buffer.concat([d.update(data), d.final()]).toString('utf8');
    }
    if (alg === 'sm4') {
      const expect = crypto.createHmac('sm3', this.macKey).update(iv).update(data).digest();
      if (expect.length !== tag.length || !crypto.timingSafeEqual(expect, tag)) throw new Error('ciphertext integrity check failed');
      const d = crypto.createDecipheriv('sm4-ctr', this.sm4Key, iv);
      return Buffer.concat([d.update(data), d.final()]).toString('utf8');
    }
    throw new Error('unrecognised ciphertext');
  }

  /** Keyed hash for exact-match search over an encrypted field (e.g. an ID number). */
  lookupHash(value: string): string {
    return crypto.createHmac('sha256', this.lookupKey).update(value.normalize('NFKC').trim().toUpperCase()).digest('hex');
  }
}

/**
 * The master key: SECRET_KEY (base64, ≥32 bytes) if set, else a key file created on first start with
 * mode 0600. Losing the key loses the encrypted fields: back it up separately from the database.
 */
export function loadMasterKey(keyFile: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  if (env.SECRET_KEY) return Buffer.from(env.SECRET_KEY, 'base64');
  if (fs.existsSync(keyFile)) return Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'base64');
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(keyFile, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}
