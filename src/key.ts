/**
 * The pseudonymisation key: 32 random bytes in a file outside the database (MEV_KEY_FILE, else
 * `<database>.key` beside it), created on first use with mode 0600. Its fingerprint is stored in
 * the database, so that a different key for a database that already holds hashed codes is refused
 * (one person must not become two).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { UserError } from './errors.js';
import * as msg from './messages.js';

export interface Key {
  path: string;
  bytes: Buffer;
  fingerprint: string;
  /** True when this call created the key file. */
  created: boolean;
}

export function keyPath(dbPath: string, env: NodeJS.ProcessEnv = process.env): string {
  return env['MEV_KEY_FILE'] ?? `${dbPath}.key`;
}

export function loadOrCreateKey(path: string): Key {
  if (existsSync(path)) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8').trim();
    } catch (error) {
      throw new UserError(msg.keyUnreadable(path, (error as Error).message));
    }
    if (!/^[0-9a-f]{64}$/i.test(text)) throw new UserError(msg.keyUnreadable(path, 'attesi 64 caratteri esadecimali'));
    const bytes = Buffer.from(text, 'hex');
    return { path, bytes, fingerprint: keyFingerprint(bytes), created: false };
  }
  const bytes = randomBytes(32);
  writeFileSync(path, `${bytes.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return { path, bytes, fingerprint: keyFingerprint(bytes), created: true };
}

export function keyFingerprint(bytes: Buffer): string {
  return createHash('sha256').update('mev-key-fingerprint').update(bytes).digest('hex').slice(0, 16);
}

/** HMAC-SHA256 of the upper-cased, trimmed code, shortened to 96 bits and marked with `H_`. */
export function pseudonym(key: Buffer, code: string): string {
  return `H_${createHmac('sha256', key).update(code.trim().toUpperCase()).digest('hex').slice(0, 24)}`;
}
