/**
 * Console sessions without server state: a cookie "<payload>.<hmac>" signed with the console
 * secret, and a CSRF token derived from the session nonce (so any instance can check both).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SESSION_COOKIE = 'yl_console';
export const LOGIN_CSRF_COOKIE = 'yl_login';
export const SESSION_TTL_MS = 8 * 3_600_000;

export interface Session {
  /** Staff username. */
  u: string;
  /** Expiry, ms since epoch. */
  exp: number;
  /** Random nonce: the CSRF token is derived from it. */
  n: string;
}

/** CONSOLE_SESSION_SECRET, or a random secret created once and kept in DATA_DIR/console-secret. */
export function loadConsoleSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = join(dataDir, 'console-secret');
  if (existsSync(file)) {
    const saved = readFileSync(file, 'utf8').trim();
    if (saved.length >= 32) return saved;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch {
    // Another instance wrote it first (or is writing it right now).
    const other = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
    return other.length >= 32 ? other : secret;
  }
}

function mac(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** "<payload>.<mac>" for a value. */
export function sign(secret: string, value: string): string {
  return `${value}.${mac(secret, value)}`;
}

/** The value when the signature is right, else null. */
export function unsign(secret: string, signed: string | undefined): string | null {
  if (!signed) return null;
  const dot = signed.lastIndexOf('.');
  if (dot <= 0) return null;
  const value = signed.slice(0, dot);
  return equal(mac(secret, value), signed.slice(dot + 1)) ? value : null;
}

/** A signed session cookie value for a staff member. */
export function createSession(secret: string, username: string, now: Date): { cookie: string; session: Session } {
  const session: Session = { u: username, exp: now.getTime() + SESSION_TTL_MS, n: randomBytes(16).toString('base64url') };
  return { cookie: sign(secret, Buffer.from(JSON.stringify(session)).toString('base64url')), session };
}

/** The session of a cookie, or null when missing, forged or expired. */
export function readSession(secret: string, cookie: string | undefined, now: Date): Session | null {
  const value = unsign(secret, cookie);
  if (!value) return null;
  try {
    const s = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Session;
    if (typeof s.u !== 'string' || typeof s.exp !== 'number' || typeof s.n !== 'string' || s.exp <= now.getTime()) return null;
    return s;
  } catch {
    return null;
  }
}

/** The CSRF token every POST form of this session must carry. */
export function csrfToken(secret: string, session: Session): string {
  return mac(secret, `csrf:${session.u}:${session.n}`);
}

/** True when `token` is the session's CSRF token. */
export function checkCsrf(secret: string, session: Session, token: unknown): boolean {
  return typeof token === 'string' && equal(token, csrfToken(secret, session));
}
