/**
 * Redis activities, bookings and reminders. All keys of one activity share the hash tag
 * `{act:ID}` (one Cluster slot), so booking, cancelling and promoting are each ONE Lua script:
 *   P:{act:ID}:info       hash  json, status, capacity, start_ms, deadline_ms, max_seats, taken, seq
 *   P:{act:ID}:bookings   hash  userId -> booking JSON (latest, cancelled ones included)
 *   P:{act:ID}:confirmed  zset  userId, score = booking order
 *   P:{act:ID}:wait       zset  userId, score = booking order (FIFO waitlist)
 *   P:{act:ID}:rem        zset  reminderId, score = due time (ms)
 *   P:{act:ID}:rembody    hash  reminderId -> reminder JSON
 * Outside the tag (written separately): P:acts (zset id by start), P:act:seq, P:user:ID:acts (set).
 * Every "userId" / ID here is a person id, "channel:userId" (core/person.ts); info field 'ids' =
 * 'person' marks an activity migrated from bare user ids (./migrate.ts).
 * Waitlist rule (same as SQLite, docs/activities.md): a cancellation promotes, in queue order, every
 * waiting booking that fits into the seats still free; one needing more keeps its place without
 * blocking smaller ones. A new booking is confirmed when it fits and no waiting booking that fits
 * is ahead of it.
 */
import type { Redis } from 'ioredis';
import type { ChatRef } from '../../core/types.js';
import { personId } from '../../core/person.js';
import {
  REMINDER_OFFSETS,
  effectiveStatus,
  type Activity,
  type ActivityRepo,
  type ActivityStatus,
  type BookOutcome,
  type Booking,
  type CancelOutcome,
  type NewActivity,
  type ReduceOutcome,
  type RaiseOutcome,
  type Reminder,
  type SignupChange,
} from '../activity-types.js';
import { LuaScript } from './lua.js';
import { ms, iso } from '../dates.js';

/** Shared Lua: adds the reminders still in the future for one confirmed booking (KEYS[5], KEYS[6]). */
const ADD_REMINDERS = `
local function add_reminders(act_id, user_id, chat, start, now, offsets)
  for i = 1, #offsets, 2 do
    local due = start - tonumber(offsets[i + 1])
    if due > now then
      local id = act_id .. ':' .. user_id .. ':' .. offsets[i]
      redis.call('ZADD', KEYS[5], due, id)
      redis.call('HSET', KEYS[6], id, cjson.encode({id = id, activityId = act_id, userId = user_id, kind = offsets[i], dueMs = due, chat = chat}))
    end
  end
end
local function remove_reminders(act_id, user_id, offsets)
  for i = 1, #offsets, 2 do
    local id = act_id .. ':' .. user_id .. ':' .. offsets[i]
    redis.call('ZREM', KEYS[5], id)
    redis.call('HDEL', KEYS[6], id)
  end
end
`;

/**
 * Shared Lua (after ADD_REMINDERS): confirms, in queue order, every waiting booking that fits the seats
 * still free (a larger one keeps its place) and appends their JSON to out. Nothing once the activity
 * is cancelled or has started; stopped sign-up ('closed') keeps the queue moving.
 */
const PROMOTE = `
local function promote(act_id, now, offsets, out)
  local info = redis.call('HMGET', KEYS[1], 'status', 'capacity', 'start_ms', 'taken')
  local start = tonumber(info[3])
  if info[1] == 'cancelled' or now >= start then return end
  local free = tonumber(info[2]) - tonumber(info[4])
  if free <= 0 then return end
  local queue = redis.call('ZRANGE', KEYS[4], 0, -1, 'WITHSCORES')
  for i = 1, #queue, 2 do
    if free <= 0 then break end
    local user, score = queue[i], queue[i + 1]
    local hb = cjson.decode(redis.call('HGET', KEYS[2], user))
    local seats = tonumber(hb['seats'])
    if seats <= free then
      free = free - seats
      hb['status'] = 'confirmed'
      local body = cjson.encode(hb)
      redis.call('HSET', KEYS[2], user, body)
      redis.call('ZREM', KEYS[4], user)
      redis.call('ZADD', KEYS[3], score, user)
      redis.call('HINCRBY', KEYS[1], 'taken', seats)
      add_reminders(act_id, user, hb['chat'], start, now, offsets)
      out[#out + 1] = body
    end
  end
end
`;

/** Shared Lua: true when a waiting booking (KEYS[4], bodies in KEYS[2]) fits in `free` seats — it goes first. */
const WAITING_FITS = `
local function waiting_fits(free)
  for _, user in ipairs(redis.call('ZRANGE', KEYS[4], 0, -1)) do
    if tonumber(cjson.decode(redis.call('HGET', KEYS[2], user))['seats']) <= free then return true end
  end
  return false
end
`;

/** KEYS: info, bookings, confirmed, wait, rem, rembody. ARGV: userId, seats, now, booking JSON, activityId, offsets... */
const BOOK = new LuaScript(`${ADD_REMINDERS}${WAITING_FITS}
local info = redis.call('HMGET', KEYS[1], 'status', 'capacity', 'start_ms', 'deadline_ms', 'max_seats', 'taken')
if not info[1] then return {'not_found'} end
local now = tonumber(ARGV[3])
if info[1] == 'cancelled' then return {'closed', 'cancelled'} end
if info[1] == 'closed' then return {'closed', 'closed'} end
local start = tonumber(info[3])
if now >= start then return {'closed', 'past'} end
if info[4] ~= '' and now > tonumber(info[4]) then return {'closed', 'deadline'} end
local cap = tonumber(info[2])
local max = math.min(tonumber(info[5]), cap)
local seats = tonumber(ARGV[2])
if seats < 1 or seats > max or seats ~= math.floor(seats) then return {'too_many_seats', max} end
local existing = redis.call('HGET', KEYS[2], ARGV[1])
if existing and cjson.decode(existing)['status'] ~= 'cancelled' then
  local rank = redis.call('ZRANK', KEYS[4], ARGV[1])
  return {'duplicate', existing, rank and (rank + 1) or 0}
end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
local waiting = redis.call('ZCARD', KEYS[4])
local b = cjson.decode(ARGV[4])
local offsets = {unpack(ARGV, 6)}
local free = cap - tonumber(info[6])
local fits = seats <= free
if fits and waiting > 0 then
  -- A waiting booking that fits the free seats goes first; one that does not fit blocks nobody.
  fits = not waiting_fits(free)
end
if fits then
  b['status'] = 'confirmed'
  local body = cjson.encode(b)
  redis.call('HSET', KEYS[2], ARGV[1], body)
  redis.call('HINCRBY', KEYS[1], 'taken', seats)
  redis.call('ZADD', KEYS[3], seq, ARGV[1])
  add_reminders(ARGV[5], ARGV[1], b['chat'], start, now, offsets)
  return {'confirmed', body}
end
b['status'] = 'waitlisted'
local body = cjson.encode(b)
redis.call('HSET', KEYS[2], ARGV[1], body)
redis.call('ZADD', KEYS[4], seq, ARGV[1])
return {'waitlisted', body, waiting + 1}`);

/** KEYS: as BOOK. ARGV: userId, now, activityId, offsets... Returns {cancelled JSON, promoted JSON...} or {}. */
const CANCEL = new LuaScript(`${ADD_REMINDERS}${PROMOTE}
local existing = redis.call('HGET', KEYS[2], ARGV[1])
if not existing then return {} end
local b = cjson.decode(existing)
if b['status'] == 'cancelled' then return {} end
local offsets = {unpack(ARGV, 4)}
local was = b['status']
b['status'] = 'cancelled'
local out = {cjson.encode(b)}
redis.call('HSET', KEYS[2], ARGV[1], out[1])
remove_reminders(ARGV[3], ARGV[1], offsets)
if was == 'confirmed' then
  redis.call('ZREM', KEYS[3], ARGV[1])
  redis.call('HINCRBY', KEYS[1], 'taken', -tonumber(b['seats']))
else
  redis.call('ZREM', KEYS[4], ARGV[1])
end
promote(ARGV[3], tonumber(ARGV[2]), offsets, out)
return out`);

/**
 * KEYS: as BOOK. ARGV: userId, now, activityId, seats, offsets... Returns {'not_found'},
 * {'invalid', booking JSON, queue rank or -1}, or {'reduced', booking JSON (after), queue rank or -1,
 * seats before, other people's promoted JSON...}.
 */
const REDUCE = new LuaScript(`${ADD_REMINDERS}${PROMOTE}
local existing = redis.call('HGET', KEYS[2], ARGV[1])
if not existing then return {'not_found'} end
local b = cjson.decode(existing)
if b['status'] == 'cancelled' then return {'not_found'} end
local seats = tonumber(ARGV[4])
local was = tonumber(b['seats'])
if seats ~= math.floor(seats) or seats < 1 or seats >= was then
  local rank = redis.call('ZRANK', KEYS[4], ARGV[1])
  return {'invalid', existing, rank or -1}
end
local offsets = {unpack(ARGV, 5)}
b['seats'] = seats
redis.call('HSET', KEYS[2], ARGV[1], cjson.encode(b))
if b['status'] == 'confirmed' then redis.call('HINCRBY', KEYS[1], 'taken', seats - was) end
local promoted = {}
promote(ARGV[3], tonumber(ARGV[2]), offsets, promoted)
local rank = redis.call('ZRANK', KEYS[4], ARGV[1])
local out = {'reduced', redis.call('HGET', KEYS[2], ARGV[1]), rank or -1, was}
for _, body in ipairs(promoted) do
  if cjson.decode(body)['userId'] ~= ARGV[1] then out[#out + 1] = body end
end
return out`);

/**
 * KEYS: as BOOK. ARGV: userId, now, seats. Returns {'not_found'}, {'invalid' | 'too_many_seats' | 'no_room' |
 * 'closed', booking JSON, queue rank or -1, max | free | reason}, or {'raised', booking JSON (after), queue
 * rank or -1, seats before}.
 */
const RAISE = new LuaScript(`${WAITING_FITS}
local existing = redis.call('HGET', KEYS[2], ARGV[1])
if not existing then return {'not_found'} end
local b = cjson.decode(existing)
if b['status'] == 'cancelled' then return {'not_found'} end
local rank = redis.call('ZRANK', KEYS[4], ARGV[1]) or -1
local seats = tonumber(ARGV[3])
local was = tonumber(b['seats'])
if seats ~= math.floor(seats) or seats <= was then return {'invalid', existing, rank} end
local info = redis.call('HMGET', KEYS[1], 'status', 'capacity', 'start_ms', 'deadline_ms', 'max_seats', 'taken')
local now = tonumber(ARGV[2])
if info[1] == 'cancelled' then return {'not_found'} end
if info[1] == 'closed' then return {'closed', existing, rank, 'closed'} end
if now >= tonumber(info[3]) then return {'closed', existing, rank, 'past'} end
if info[4] ~= '' and now > tonumber(info[4]) then return {'closed', existing, rank, 'deadline'} end
local cap = tonumber(info[2])
local max = math.min(tonumber(info[5]), cap)
if seats > max then return {'too_many_seats', existing, rank, max} end
if b['status'] == 'confirmed' then
  local free = cap - tonumber(info[6])
  local extra = seats - was
  local blocked = extra > free
  -- As a new booking: a waiting booking that fits the free seats goes first.
  if not blocked then blocked = waiting_fits(free) end
  if blocked then return {'no_room', existing, rank, math.max(0, free)} end
  redis.call('HINCRBY', KEYS[1], 'taken', extra)
end
b['seats'] = seats
local body = cjson.encode(b)
redis.call('HSET', KEYS[2], ARGV[1], body)
return {'raised', body, rank, was}`);

/** KEYS: as BOOK. Marks the activity cancelled and returns every active booking JSON (confirmed first). */
const CANCEL_ACTIVITY = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
local out = {}
for _, key in ipairs({KEYS[3], KEYS[4]}) do
  for _, user in ipairs(redis.call('ZRANGE', key, 0, -1)) do
    local b = cjson.decode(redis.call('HGET', KEYS[2], user))
    out[#out + 1] = redis.call('HGET', KEYS[2], user)
    b['status'] = 'cancelled'
    redis.call('HSET', KEYS[2], user, cjson.encode(b))
  end
end
redis.call('HSET', KEYS[1], 'status', 'cancelled', 'taken', 0)
redis.call('DEL', KEYS[3], KEYS[4], KEYS[5], KEYS[6])
return out`);

/** KEYS: info. ARGV: 'open' | 'closed'. Stops or reopens sign-up; a cancelled activity stays cancelled. */
const SET_SIGNUP = new LuaScript(`
local s = redis.call('HGET', KEYS[1], 'status')
if not s then return 'not_found' end
if s == 'cancelled' then return 'cancelled' end
if s == 'full' then s = 'open' end
if s == ARGV[1] then return 'unchanged' end
redis.call('HSET', KEYS[1], 'status', ARGV[1])
return 'changed'`);

/** KEYS: rem, rembody. ARGV: now, limit. Removes and returns due reminders (each once). */
const CLAIM_REMINDERS = new LuaScript(`
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, id in ipairs(ids) do
  redis.call('ZREM', KEYS[1], id)
  local body = redis.call('HGET', KEYS[2], id)
  redis.call('HDEL', KEYS[2], id)
  if body then out[#out + 1] = body end
end
return out`);

/**
 * Migration to person ids (see ./migrate.ts). KEYS: as BOOK. ARGV: activityId, reminder kinds...
 * Every booking whose field is a bare user id gets "channel:" of its chat: the bookings hash field
 * and JSON, the confirmed / waitlist members (same score, so the queue order stays), and the
 * reminders (id and JSON). Old names are all read and removed before new ones are written (a new
 * id may equal another booking's old one). Marks the activity (info 'ids' = 'person'), so it runs
 * once. Returns {old, new, status} triples.
 */
const MIGRATE_PERSON_IDS = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HGET', KEYS[1], 'ids') == 'person' then return {} end
local all = redis.call('HGETALL', KEYS[2])
local moves = {}
for i = 1, #all, 2 do
  local b = cjson.decode(all[i + 1])
  local ch = type(b['chat']) == 'table' and b['chat']['channel'] or nil
  if type(ch) == 'string' and ch ~= '' then
    local m = {old = all[i], new = ch .. ':' .. all[i], b = b, rem = {}}
    m.cs = redis.call('ZSCORE', KEYS[3], m.old)
    m.ws = redis.call('ZSCORE', KEYS[4], m.old)
    for j = 2, #ARGV do
      local rid = ARGV[1] .. ':' .. m.old .. ':' .. ARGV[j]
      local due = redis.call('ZSCORE', KEYS[5], rid)
      local body = redis.call('HGET', KEYS[6], rid)
      if due or body then m.rem[#m.rem + 1] = {rid = rid, kind = ARGV[j], due = due, body = body} end
    end
    moves[#moves + 1] = m
  end
end
for _, m in ipairs(moves) do
  redis.call('HDEL', KEYS[2], m.old)
  if m.cs then redis.call('ZREM', KEYS[3], m.old) end
  if m.ws then redis.call('ZREM', KEYS[4], m.old) end
  for _, r in ipairs(m.rem) do
    redis.call('ZREM', KEYS[5], r.rid)
    redis.call('HDEL', KEYS[6], r.rid)
  end
end
local out = {}
for _, m in ipairs(moves) do
  m.b['userId'] = m.new
  redis.call('HSET', KEYS[2], m.new, cjson.encode(m.b))
  if m.cs then redis.call('ZADD', KEYS[3], m.cs, m.new) end
  if m.ws then redis.call('ZADD', KEYS[4], m.ws, m.new) end
  for _, r in ipairs(m.rem) do
    local rid = ARGV[1] .. ':' .. m.new .. ':' .. r.kind
    if r.body then
      local rb = cjson.decode(r.body)
      rb['id'] = rid
      rb['userId'] = m.new
      redis.call('HSET', KEYS[6], rid, cjson.encode(rb))
    end
    if r.due then redis.call('ZADD', KEYS[5], r.due, rid) end
  end
  out[#out + 1] = m.old
  out[#out + 1] = m.new
  out[#out + 1] = tostring(m.b['status'] or '')
end
redis.call('HSET', KEYS[1], 'ids', 'person')
return out`);

const OFFSET_ARGS = Object.entries(REMINDER_OFFSETS).flatMap(([kind, ms]) => [kind, ms]);
const LONGEST_OFFSET = Math.max(...Object.values(REMINDER_OFFSETS));

type StaticFields = Omit<Activity, 'id' | 'status' | 'seatsTaken' | 'waitlistCount'>;

export class RedisActivityRepo implements ActivityRepo {
  constructor(
    readonly redis: Redis,
    readonly prefix: string,
  ) {}

  /** The six keys of one activity, all with the same hash tag. */
  private keys(id: string): string[] {
    const tag = `${this.prefix}:{act:${id}}`;
    return [`${tag}:info`, `${tag}:bookings`, `${tag}:confirmed`, `${tag}:wait`, `${tag}:rem`, `${tag}:rembody`];
  }

  private get indexKey(): string {
    return `${this.prefix}:acts`;
  }

  private userKey(userId: string): string {
    return `${this.prefix}:user:${userId}:acts`;
  }

  async create(input: NewActivity, now: Date): Promise<Activity> {
    const id = String(await this.redis.incr(`${this.prefix}:act:seq`));
    const fields: StaticFields = {
      title: input.title,
      category: input.category,
      startAt: iso(input.startAt),
      ...(input.endAt ? { endAt: iso(input.endAt) } : {}),
      place: input.place,
      capacity: input.capacity,
      ...(input.deadline ? { deadline: iso(input.deadline) } : {}),
      ...(input.notes ? { notes: input.notes } : {}),
      maxSeatsPerBooking: input.maxSeatsPerBooking ?? 2,
      createdAt: now.toISOString(),
    };
    await this.redis.hset(this.keys(id)[0]!, { ...infoFields(fields), status: 'open', taken: 0, seq: 0 });
    await this.redis.zadd(this.indexKey, ms(fields.startAt), id);
    return (await this.get(id))!;
  }

  async get(id: string): Promise<Activity | null> {
    const [info, , , wait] = this.keys(id);
    const [raw, waiting] = await Promise.all([this.redis.hgetall(info!), this.redis.zcard(wait!)]);
    if (!raw.json) return null;
    const fields = JSON.parse(raw.json) as StaticFields;
    const taken = Number(raw.taken);
    return {
      id,
      ...fields,
      status: effectiveStatus(raw.status as ActivityStatus, taken, fields.capacity, waiting),
      seatsTaken: taken,
      waitlistCount: waiting,
    };
  }

  async update(id: string, patch: Partial<NewActivity & { status: ActivityStatus }>): Promise<Activity | null> {
    const current = await this.get(id);
    if (!current) return null;
    const { status, ...rest } = patch;
    const { id: _id, status: _s, seatsTaken: _t, waitlistCount: _w, ...fields } = { ...current, ...rest };
    const next: StaticFields = { ...fields, startAt: iso(fields.startAt), ...(fields.deadline ? { deadline: iso(fields.deadline) } : {}) };
    await this.redis.hset(this.keys(id)[0]!, { ...infoFields(next), ...(status ? { status: status === 'full' ? 'open' : status } : {}) });
    await this.redis.zadd(this.indexKey, ms(next.startAt), id);
    return this.get(id);
  }

  async list(filter: { from?: Date; includeCancelled?: boolean } = {}): Promise<Activity[]> {
    const ids = await this.redis.zrangebyscore(this.indexKey, filter.from ? filter.from.getTime() : '-inf', '+inf');
    const all = (await Promise.all(ids.map((id) => this.get(id)))).filter((a): a is Activity => a !== null);
    return filter.includeCancelled ? all : all.filter((a) => a.status !== 'cancelled');
  }

  async book(input: { activityId: string; userId: string; userName?: string; seats: number; chat: ChatRef }, now: Date): Promise<BookOutcome> {
    const body = JSON.stringify({
      activityId: input.activityId,
      userId: input.userId,
      ...(input.userName ? { userName: input.userName } : {}),
      seats: input.seats,
      chat: input.chat,
      createdAt: now.toISOString(),
    });
    const seats = Number.isInteger(input.seats) ? input.seats : 0;
    const res = (await BOOK.run(this.redis, this.keys(input.activityId), [
      input.userId,
      seats,
      now.getTime(),
      body,
      input.activityId,
      ...OFFSET_ARGS,
    ])) as (string | number)[];
    switch (res[0]) {
      case 'not_found':
        return { status: 'not_found' };
      case 'closed':
        return { status: 'closed', reason: res[1] as 'deadline' | 'cancelled' | 'closed' | 'past' };
      case 'too_many_seats':
        return { status: 'too_many_seats', max: Number(res[1]) };
      case 'duplicate': {
        const booking = toBooking(String(res[1]));
        return { status: 'duplicate', booking: Number(res[2]) > 0 ? { ...booking, waitlistPosition: Number(res[2]) } : booking };
      }
      case 'confirmed':
        await this.redis.sadd(this.userKey(input.userId), input.activityId);
        return { status: 'confirmed', booking: toBooking(String(res[1])) };
      case 'waitlisted': {
        await this.redis.sadd(this.userKey(input.userId), input.activityId);
        const position = Number(res[2]);
        return { status: 'waitlisted', booking: { ...toBooking(String(res[1])), waitlistPosition: position }, position };
      }
      default:
        throw new Error(`unexpected booking script reply: ${String(res[0])}`);
    }
  }

  async cancel(activityId: string, userId: string, now: Date): Promise<CancelOutcome> {
    const res = (await CANCEL.run(this.redis, this.keys(activityId), [userId, now.getTime(), activityId, ...OFFSET_ARGS])) as string[];
    if (res.length === 0) return { cancelled: null, promoted: [] };
    await this.redis.srem(this.userKey(userId), activityId);
    return { cancelled: toBooking(res[0]!), promoted: res.slice(1).map(toBooking) };
  }

  async reduceSeats(activityId: string, userId: string, seats: number, now: Date): Promise<ReduceOutcome> {
    const res = (await REDUCE.run(this.redis, this.keys(activityId), [userId, now.getTime(), activityId, Number.isInteger(seats) ? seats : 0, ...OFFSET_ARGS])) as (string | number)[];
    if (res[0] === 'not_found') return { status: 'not_found' };
    const rank = Number(res[2]);
    const booking = rank >= 0 ? { ...toBooking(String(res[1])), waitlistPosition: rank + 1 } : toBooking(String(res[1]));
    if (res[0] === 'invalid') return { status: 'invalid', booking };
    return { status: 'reduced', booking, from: Number(res[3]), promoted: res.slice(4).map((b) => toBooking(String(b))) };
  }

  async raiseSeats(activityId: string, userId: string, seats: number, now: Date): Promise<RaiseOutcome> {
    const res = (await RAISE.run(this.redis, this.keys(activityId), [userId, now.getTime(), Number.isInteger(seats) ? seats : 0])) as (string | number)[];
    if (res[0] === 'not_found') return { status: 'not_found' };
    const rank = Number(res[2]);
    const booking = rank >= 0 ? { ...toBooking(String(res[1])), waitlistPosition: rank + 1 } : toBooking(String(res[1]));
    switch (res[0]) {
      case 'invalid':
        return { status: 'invalid', booking };
      case 'too_many_seats':
        return { status: 'too_many_seats', booking, max: Number(res[3]) };
      case 'no_room':
        return { status: 'no_room', booking, free: Number(res[3]) };
      case 'closed':
        return { status: 'closed', booking, reason: res[3] as 'closed' | 'deadline' | 'past' };
      case 'raised':
        return { status: 'raised', booking, from: Number(res[3]) };
      default:
        throw new Error(`unexpected raise script reply: ${String(res[0])}`);
    }
  }

  async setSignupOpen(id: string, open: boolean): Promise<SignupChange> {
    const status = (await SET_SIGNUP.run(this.redis, [this.keys(id)[0]!], [open ? 'open' : 'closed'])) as SignupChange['status'];
    if (status === 'not_found' || status === 'cancelled') return { status };
    return { status, activity: (await this.get(id))! };
  }

  async cancelActivity(id: string, _now: Date): Promise<Booking[]> {
    const res = (await CANCEL_ACTIVITY.run(this.redis, this.keys(id), [])) as string[];
    const bookings = res.map(toBooking);
    await Promise.all(bookings.map((b) => this.redis.srem(this.userKey(b.userId), id)));
    return bookings;
  }

  /**
   * Migration to person ids, one activity at a time (run by ./migrate.ts while it holds the
   * migration lock). The per-person index sets (outside the activity's hash tag) get the new id
   * before the bookings are renamed, so a crash in between loses nothing; returns how many
   * bookings were renamed.
   */
  async migratePersonIds(): Promise<number> {
    let renamed = 0;
    for (const id of await this.redis.zrange(this.indexKey, '0', '-1')) {
      const keys = this.keys(id);
      if ((await this.redis.hget(keys[0]!, 'ids')) === 'person') continue;
      const moves: { old: string; next: string; active: boolean }[] = [];
      for (const [old, body] of Object.entries(await this.redis.hgetall(keys[1]!))) {
        const b = JSON.parse(body) as Partial<Booking>;
        if (b.chat?.channel) moves.push({ old, next: personId({ channel: b.chat.channel, userId: old }), active: b.status !== 'cancelled' });
      }
      for (const m of moves) if (m.active) await this.redis.sadd(this.userKey(m.next), id);
      const res = (await MIGRATE_PERSON_IDS.run(this.redis, keys, [id, ...Object.keys(REMINDER_OFFSETS)])) as string[];
      for (let i = 0; i < res.length; i += 3) {
        const m = { old: res[i]!, next: res[i + 1]!, active: res[i + 2] !== 'cancelled' };
        if (m.active && !moves.some((x) => x.next === m.next)) await this.redis.sadd(this.userKey(m.next), id);
        moves.push(m);
        renamed++;
      }
      // The old index sets; kept where an old id is also someone's new id on this activity.
      const fresh = new Set(moves.map((m) => m.next));
      for (const m of moves) if (!fresh.has(m.old)) await this.redis.srem(this.userKey(m.old), id);
    }
    return renamed;
  }

  async listByUser(userId: string): Promise<Booking[]> {
    const ids = await this.redis.smembers(this.userKey(userId));
    const rows = await Promise.all(
      ids.map(async (id) => {
        const [info, bookings, , wait] = this.keys(id);
        const [raw, start, rank] = await Promise.all([
          this.redis.hget(bookings!, userId),
          this.redis.hget(info!, 'start_ms'),
          this.redis.zrank(wait!, userId),
        ]);
        if (!raw) return null;
        const b = toBooking(raw);
        if (b.status === 'cancelled') return null;
        return { b: rank === null ? b : { ...b, waitlistPosition: rank + 1 }, start: Number(start), id: Number(id) };
      }),
    );
    return rows
      .filter((r): r is NonNullable<typeof r> => r !== null)
      .sort((x, y) => x.start - y.start || x.id - y.id)
      .map((r) => r.b);
  }

  async listByActivity(activityId: string): Promise<{ confirmed: Booking[]; waitlist: Booking[] }> {
    const [, bookings, confirmedKey, waitKey] = this.keys(activityId);
    const [confirmedIds, waitIds] = await Promise.all([this.redis.zrange(confirmedKey!, '0', '-1'), this.redis.zrange(waitKey!, '0', '-1')]);
    const read = async (ids: string[]) => (ids.length ? await this.redis.hmget(bookings!, ...ids) : []);
    const [c, w] = await Promise.all([read(confirmedIds), read(waitIds)]);
    return {
      confirmed: c.filter((x): x is string => !!x).map(toBooking),
      waitlist: w.filter((x): x is string => !!x).map((x, i) => ({ ...toBooking(x), waitlistPosition: i + 1 })),
    };
  }

  async claimDueReminders(now: Date, limit: number): Promise<Reminder[]> {
    // A due reminder belongs to an activity starting within the longest offset from now.
    const t = now.getTime();
    const ids = await this.redis.zrangebyscore(this.indexKey, `(${t}`, t + LONGEST_OFFSET);
    const out: Reminder[] = [];
    for (const id of ids) {
      if (out.length >= limit) break;
      const [, , , , rem, rembody] = this.keys(id);
      const res = (await CLAIM_REMINDERS.run(this.redis, [rem!, rembody!], [t, limit - out.length])) as string[];
      for (const body of res) {
        const r = JSON.parse(body) as Omit<Reminder, 'dueAt'> & { dueMs: number };
        out.push({ id: r.id, activityId: r.activityId, userId: r.userId, kind: r.kind, dueAt: new Date(r.dueMs).toISOString(), chat: r.chat });
      }
    }
    return out;
  }
}

function infoFields(f: StaticFields): Record<string, string | number> {
  return {
    json: JSON.stringify(f),
    capacity: f.capacity,
    start_ms: ms(f.startAt),
    deadline_ms: f.deadline ? ms(f.deadline) : '',
    max_seats: f.maxSeatsPerBooking,
  };
}

function toBooking(json: string): Booking {
  const b = JSON.parse(json) as Booking;
  return {
    activityId: String(b.activityId),
    userId: String(b.userId),
    ...(b.userName ? { userName: b.userName } : {}),
    seats: Number(b.seats),
    status: b.status,
    chat: b.chat,
    createdAt: b.createdAt,
  };
}
