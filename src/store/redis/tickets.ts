/**
 * Redis feedback tickets. Every key carries the hash tag `{tickets}` so the Lua scripts touch one
 * Cluster slot. Numbering and messageId dedupe run in one script; changes are compare-and-set
 * scripts (the transition rules are the same pure functions the SQLite repo uses).
 *
 * Keys (base = `<prefix>:{tickets}`): base:t:<no> ticket JSON, base:ev:<no> list of events,
 * base:seq:<yyyymmdd> day counter, base:msg:<messageId> -> no, base:all zset no by created ms.
 * A ticket's userId is a person id, "channel:userId" (core/person.ts; older ones: ./migrate.ts).
 */
import type { Redis } from 'ioredis';
import type { Ticket, TicketEvent, TicketFilter, TicketRepo } from '../ticket-types.js';
import { personId } from '../../core/person.js';
import { TicketChanges, applyTicketChange, localDay, matchesFilter, type ChangeOutcome, type NewTicket, type TicketChange } from '../ticket-logic.js';

const PLACEHOLDER = '__TICKET_NO__';

// KEYS: msgKey, counterKey, allKey. ARGV: hasMsg, day, ticketJson, createdMs, eventJson, base.
// The ticket JSON starts with {"no":"__TICKET_NO__" so the first occurrence is the field itself.
const CREATE = `
if ARGV[1] == '1' then
  local existing = redis.call('GET', KEYS[1])
  if existing then return {1, redis.call('GET', ARGV[6] .. ':t:' .. existing)} end
end
local n = redis.call('INCR', KEYS[2])
local no = 'FK' .. ARGV[2] .. '-' .. string.format('%04d', n)
local t = string.gsub(ARGV[3], '${PLACEHOLDER}', no, 1)
local e = string.gsub(ARGV[5], '${PLACEHOLDER}', no, 1)
redis.call('SET', ARGV[6] .. ':t:' .. no, t)
redis.call('RPUSH', ARGV[6] .. ':ev:' .. no, e)
redis.call('ZADD', KEYS[3], ARGV[4], no)
if ARGV[1] == '1' then redis.call('SET', KEYS[1], no) end
return {0, t}
`;

// KEYS: ticketKey, eventsKey. ARGV: expected JSON, new JSON, events JSON...
const COMPARE_AND_SET = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
for i = 3, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
return 1
`;

// Migration to person ids. KEYS: ticketKey, doneSet. ARGV: no, expected JSON, new JSON.
// 2: migrated before; 0: the ticket changed meanwhile (read again); 1: written.
const MIGRATE_ONE = `
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return 2 end
if redis.call('GET', KEYS[1]) ~= ARGV[2] then return 0 end
redis.call('SET', KEYS[1], ARGV[3])
redis.call('SADD', KEYS[2], ARGV[1])
return 1
`;

export class RedisTicketRepo extends TicketChanges implements TicketRepo {
  private readonly base: string;

  constructor(
    readonly redis: Redis,
    readonly prefix: string,
    readonly timezone = 'Asia/Shanghai',
  ) {
    super();
    this.base = `${prefix}:{tickets}`;
  }

  async create(input: NewTicket, now: Date): Promise<{ ticket: Ticket; duplicate: boolean }> {
    const at = now.toISOString();
    const day = localDay(now, this.timezone);
    const draft: Ticket = { no: PLACEHOLDER, ...input, status: 'new', createdAt: at, updatedAt: at };
    const event: TicketEvent = { ticketNo: PLACEHOLDER, at, actor: `user:${input.userId}`, kind: 'created', to: input.category };
    const [dup, json] = (await this.redis.eval(
      CREATE,
      3,
      `${this.base}:msg:${input.messageId ?? ''}`,
      `${this.base}:seq:${day}`,
      `${this.base}:all`,
      input.messageId ? '1' : '0',
      day,
      JSON.stringify(draft),
      now.getTime(),
      JSON.stringify(event),
      this.base,
    )) as [number, string];
    return { ticket: JSON.parse(json) as Ticket, duplicate: dup === 1 };
  }

  /**
   * Migration to person ids (run by ./migrate.ts while it holds the migration lock): a ticket's bare
   * user id gets the channel of its chat ("wxid_abc" -> "wechat:wxid_abc"). Each ticket is rewritten
   * once (a set of done numbers, removed by `finishPersonIds`), in JS so its JSON stays exactly as
   * JSON.stringify writes it. Returns how many tickets were rewritten.
   */
  async migratePersonIds(): Promise<number> {
    const done = `${this.base}:migrated:person`;
    let rewritten = 0;
    for (const no of await this.redis.zrange(`${this.base}:all`, '0', '-1')) {
      const key = `${this.base}:t:${no}`;
      for (let attempt = 0; ; attempt++) {
        const raw = await this.redis.get(key);
        if (!raw) break;
        const t = JSON.parse(raw) as Ticket;
        const channel = t.chat?.channel;
        const next = channel ? JSON.stringify({ ...t, userId: personId({ channel, userId: t.userId }) }) : raw;
        const res = Number(await this.redis.eval(MIGRATE_ONE, 2, key, done, no, raw, next));
        if (res === 1 && next !== raw) rewritten++;
        if (res !== 0) break;
        if (attempt >= 50) throw new Error(`ticket ${no} is changing too fast to migrate; try again`);
      }
    }
    return rewritten;
  }

  /** Forgets which tickets the migration has done (after the store's version says it is complete). */
  async finishPersonIds(): Promise<void> {
    await this.redis.del(`${this.base}:migrated:person`);
  }

  async get(no: string): Promise<Ticket | null> {
    const raw = await this.redis.get(`${this.base}:t:${no}`);
    return raw ? (JSON.parse(raw) as Ticket) : null;
  }

  async list(filter: TicketFilter = {}): Promise<Ticket[]> {
    const nos = await this.redis.zrevrange(`${this.base}:all`, 0, -1);
    const out: Ticket[] = [];
    for (let i = 0; i < nos.length; i += 500) {
      const raws = await this.redis.mget(...nos.slice(i, i + 500).map((n) => `${this.base}:t:${n}`));
      for (const raw of raws) {
        if (!raw) continue;
        const t = JSON.parse(raw) as Ticket;
        if (matchesFilter(t, filter)) out.push(t);
        if (filter.limit !== undefined && out.length >= filter.limit) return out;
      }
    }
    return out;
  }

  async update(no: string, patch: Partial<Pick<Ticket, 'details' | 'summary' | 'suggestedCategory'>>): Promise<Ticket | null> {
    return this.casLoop(no, (t) => ({ ticket: { ...t, ...patch }, events: [] }));
  }

  async history(no: string): Promise<TicketEvent[]> {
    return (await this.redis.lrange(`${this.base}:ev:${no}`, 0, -1)).map((e) => JSON.parse(e) as TicketEvent);
  }

  protected async change(no: string, change: TicketChange, actor: string, now: Date): Promise<ChangeOutcome | null> {
    let changed = false;
    // The compare-and-set (one Lua script) writes only the ticket read: of two ratings at once the second
    // is re-read with the first one's rating and changes nothing.
    const ticket = await this.casLoop(no, (t) => {
      const out = applyTicketChange(t, change, actor, now.toISOString());
      changed = out.events.length > 0;
      return out;
    });
    return ticket ? { ticket, changed } : null;
  }

  /** Reads, applies `fn`, and writes only if nobody changed the ticket meanwhile (retries otherwise). */
  private async casLoop(no: string, fn: (t: Ticket) => { ticket: Ticket; events: TicketEvent[] }): Promise<Ticket | null> {
    const key = `${this.base}:t:${no}`;
    for (let attempt = 0; attempt < 50; attempt++) {
      const raw = await this.redis.get(key);
      if (!raw) return null;
      const { ticket, events } = fn(JSON.parse(raw) as Ticket);
      const next = JSON.stringify(ticket);
      if (next === raw && events.length === 0) return ticket;
      const ok = await this.redis.eval(COMPARE_AND_SET, 2, key, `${this.base}:ev:${no}`, raw, next, ...events.map((e) => JSON.stringify(e)));
      if (ok === 1) return ticket;
    }
    throw new Error(`ticket ${no} is changing too fast; try again`);
  }
}
