/** Opens the store chosen by configuration (STORE=sqlite|redis). */
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Store } from './types.js';
import { SqliteStore } from './sqlite/index.js';

/** Opens the configured store; Redis is loaded only when chosen. */
export async function openStore(config: Pick<Config, 'STORE' | 'DATA_DIR' | 'REDIS_URL' | 'REDIS_PREFIX' | 'TIMEZONE'>): Promise<Store> {
  if (config.STORE === 'redis') {
    const { RedisStore } = await import('./redis/index.js');
    return RedisStore.connect(config.REDIS_URL, config.REDIS_PREFIX, config.TIMEZONE);
  }
  return new SqliteStore(join(config.DATA_DIR, 'yinling.db'), { timezone: config.TIMEZONE });
}
