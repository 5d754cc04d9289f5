/** Redis feedback tickets. Placeholder: the feedback issue implements it. */
import type { Redis } from 'ioredis';
import type { TicketRepo } from '../ticket-types.js';

const pending = (): never => {
  throw new Error('redis ticket store is not implemented yet');
};

export class RedisTicketRepo implements TicketRepo {
  constructor(
    readonly redis: Redis,
    readonly prefix: string,
  ) {}
  create = pending;
  get = pending;
  list = pending;
  setStatus = pending;
  setCategory = pending;
  addReply = pending;
  setRating = pending;
  update = pending;
  history = pending;
}
