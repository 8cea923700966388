import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldCipher } from './fields.js';
import { canonicalJson, sm3 } from './hash.js';

const cipher = new FieldCipher(crypto.randomBytes(32));

describe('sm3', () => {
  it('matches the GB/T 32905-2016 example for "abc"', () => {
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
});

describe('FieldCipher', () => {
  for (const alg of ['aes', 'sm4'] as const) {
    it(`round-trips Chinese text with ${alg} and never stores the plaintext`, () => {
      const token = cipher.encrypt('110101199003077777 张慧娟', alg);
      expect(token.startsWith(`${alg}:v1:`)).toBe(true);
      expect(token).not.toContain('110101');
      expect(cipher.decrypt(token)).toBe('110101199003077777 张慧娟');
    });
    it(`rejects a tampered ${alg} ciphertext`, () => {
      const parts = cipher.encrypt('13800138000', alg).split(':');
      const data = Buffer.from(parts[3]!, 'base64url');
      data[0] = data[0]! ^ 1;
      parts[3] = data.toString('base64url');
      expect(() => cipher.decrypt(parts.join(':'))).toThrow();
    });
  }
  it('gives the same lookup hash for the same value regardless of case and width', () => {
    expect(cipher.lookupHash('11010119900307777x')).toBe(cipher.lookupHash('11010119900307777X'));
    expect(cipher.lookupHash('a')).not.toBe(new FieldCipher(crypto.randomBytes(32)).lookupHash('a'));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });
});
