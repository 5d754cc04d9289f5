/** Redis store (ioredis) for several instances. Placeholder: the activities issue implements it. */
import type { Store } from '../types.js';

export class RedisStore {
  /** Connects to Redis and returns the store. */
  static async connect(_url: string, _prefix: string): Promise<Store> {
    throw new Error('STORE=redis is not implemented yet');
  }
}
