/** Configuration: defaults, and a bad value stops start-up with one line naming the variable. */
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseConfig, ConfigError, configSchema } from '../../src/config.js';

describe('config', () => {
  it('has working defaults', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ PORT: 3000, DATA_DIR: 'data', STORE: 'sqlite', DIALOG_TTL_MINUTES: 30, MAX_MESSAGE_CHARS: 2000 });
  });

  it('names the variable and what is valid', () => {
    expect(() => parseConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => parseConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => parseConfig({ STORE: 'mongo' })).toThrow(/STORE.*sqlite, redis/);
    expect(() => parseConfig({ PORT: '70000' })).toThrow(/PORT.*at most 65535/);
    expect(() => parseConfig({ HTTP_CALLBACK_URL: 'not a url' })).toThrow(/HTTP_CALLBACK_URL/);
  });

  it('parses lists', () => {
    expect(parseConfig({ STAFF_IDS: 'wechat:a, telegram:1，b' }).STAFF_IDS).toEqual(['wechat:a', 'telegram:1', 'b']);
  });

  it('the CLI prints one line and exits 2 on a bad value', () => {
    let stderr = '';
    let status = 0;
    try {
      execFileSync('node', ['bin/yinling.js', 'start'], { env: { ...process.env, PORT: 'abc' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      const e = err as { stderr: string; status: number };
      stderr = e.stderr;
      status = e.status;
    }
    expect(status).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('PORT');
  });

  it('.env.example lists every variable', () => {
    const example = readFileSync('.env.example', 'utf8');
    const missing = Object.keys(configSchema.shape).filter((k) => !new RegExp(`^#?\\s*${k}=`, 'm').test(example));
    expect(missing).toEqual([]);
  });
});
