/** The Store contract: one interface, implemented by SQLite (default) and Redis (scale-out). */
import type { ChatRef } from '../core/types.js';
import type { ActivityRepo } from './activity-types.js';
import type { TicketRepo } from './ticket-types.js';

/** A multi-step conversation in progress for one user in one chat. */
export interface DialogState {
  /** Flow name, e.g. 'clarify', 'booking.confirm', 'feedback.details'. */
  flow: string;
  /** Step inside the flow. */
  step: string;
  /** Flow data (JSON-serialisable). */
  data: Record<string, unknown>;
  /** ISO time the state was last written. */
  updatedAt: string;
}

/** One entry of the audit log (who did what, when). */
export interface FailureCount {
  count: number;
  /** When the last failure was counted (ms since the epoch). */
  lastAt: number;
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  subject?: string;
  detail?: Record<string, unknown>;
}

/** A message waiting to be delivered to a chat by whichever instance holds that channel. */
export interface OutboxMessage {
  id: string;
  to: ChatRef;
  text: string;
  options?: { key: string; label: string }[];
  createdAt: string;
  /** Free-form origin, e.g. 'ticket:FK20261127-0007', 'reminder:12:day'. */
  origin?: string;
  attempts?: number;
}

/**
 * What a per-person rate limit decided for one message: 'ok' (handle it; it is counted),
 * 'first_over' (not handled; tell the sender now), 'over' (not handled; a notice less than a window
 * ago already said so, or none can be shown).
 */
export type RateVerdict = 'ok' | 'first_over' | 'over';

/** A sliding-window limit: `limit` handled messages per `windowMs`, `floodLimit` for messages continuing a flow. */
export interface RateRule {
  limit: number;
  floodLimit: number;
  windowMs: number;
}

/** One message's verdict and how many handled messages were inside the window before it. */
export interface RateHit {
  verdict: RateVerdict;
  load: number;
}

/** A rating of a policy answer ("有帮助吗？回复 好 / 不好"). */
export interface AnswerRating {
  userId: string;
  question: string;
  answerRef: string;
  helpful: boolean;
  at: string;
}

/** Everything the service keeps. All methods are async so Redis and SQLite share one contract. */
export interface Store {
  readonly kind: 'sqlite' | 'redis';

  /** Reads the dialog state of `key` (channel:chat:user); expired state reads as null. */
  getDialog(key: string, now: Date): Promise<DialogState | null>;
  /** Writes the dialog state of `key`; it expires `ttlMs` after `now`. */
  setDialog(key: string, state: DialogState, ttlMs: number, now: Date): Promise<void>;
  /** Removes the dialog state of `key`. */
  clearDialog(key: string): Promise<void>;

  /** Records a message id; true when it was new, false when already seen (within ttl). */
  markSeen(id: string, ttlMs: number, now: Date): Promise<boolean>;

  /**
   * Counts one failure under `key` (a console login by user name or address), atomically, shared by
   * every instance on the store; the count lapses `ttlMs` after the last failure. Returns the count
   * and the time of this failure (ms).
   */
  countFailure(key: string, ttlMs: number, now: Date): Promise<FailureCount>;
  /** The failures counted under `key` (null when none, or lapsed). */
  getFailures(key: string, now: Date): Promise<FailureCount | null>;
  /** Forgets the failures of `key` (after a success). */
  clearFailures(key: string): Promise<void>;

  /**
   * Decides one message of `key` (a person) under `rule`, atomically, shared by every instance on
   * the store. The window slides over the handled messages only: a message is handled ('ok', and
   * counted) while fewer than `limit` (`floodLimit` when `inFlow`) were handled in the window before
   * `now`. Otherwise it is 'first_over' when `canNotify` and no notice was given in the window (this
   * one is, from `now`), else 'over'; `canNotify: false` uses no notice up. What is kept lapses a
   * window after its last write and is then collected.
   */
  hitRateLimit(key: string, rule: RateRule, opts: { inFlow: boolean; canNotify: boolean }, now: Date): Promise<RateHit>;

  /**
   * Claims a message id for handling by `owner` (one service instance): true -> handle it; false ->
   * it was handled already or is being handled. A claim left pending by another owner (a process
   * that died mid-message) is taken over after `takeoverMs` (SQLite: at once, since one process
   * serves a SQLite file), so a retry after a crash is answered instead of dropped.
   */
  claimMessage(id: string, owner: string, opts: { leaseMs: number; takeoverMs: number }, now: Date): Promise<boolean>;
  /** Marks a claimed message as handled: duplicates are refused for `ttlMs`. */
  completeMessage(id: string, ttlMs: number, now: Date): Promise<void>;
  /** Drops a claim (handling failed), so a retry is handled. */
  releaseMessage(id: string): Promise<void>;

  /** Appends to the audit log. */
  audit(entry: AuditEntry): Promise<void>;
  /** Reads the audit log, newest first, optionally for one subject. */
  listAudit(filter?: { subject?: string; limit?: number }): Promise<AuditEntry[]>;

  /** Queues a proactive message for delivery (durable; survives restarts). */
  enqueueOutbox(msg: Omit<OutboxMessage, 'id' | 'createdAt'>, now: Date): Promise<OutboxMessage>;
  /**
   * Claims up to `limit` queued messages for the given channels so no other instance sends them;
   * a claim not acknowledged within `leaseMs` becomes claimable again (crash safety). With `chatIds`,
   * only messages to those chats are claimed; the others stay queued, untouched, for their own chat
   * (a terminal chat is one person's: it must not take everyone's terminal messages).
   */
  claimOutbox(channels: string[], limit: number, leaseMs: number, now: Date, chatIds?: readonly string[]): Promise<OutboxMessage[]>;
  /** Marks a claimed message as delivered (it will never be sent again). */
  ackOutbox(id: string): Promise<void>;

  /** Stores a message for the web chat page of one HTTP user (read with `takeInbox`). */
  pushInbox(chatKey: string, msg: { text: string; options?: { key: string; label: string }[] }, now: Date): Promise<void>;
  /** Returns and removes the waiting web chat messages of one HTTP user. */
  takeInbox(chatKey: string): Promise<{ text: string; options?: { key: string; label: string }[]; at: string }[]>;

  /** Records whether a policy answer helped. */
  rateAnswer(rating: AnswerRating): Promise<void>;
  /** Lists answer ratings (newest first). */
  listAnswerRatings(limit?: number): Promise<AnswerRating[]>;

  /** Activities, bookings, waitlist and reminders. */
  readonly activities: ActivityRepo;
  /** Feedback tickets, their history and staff replies. */
  readonly tickets: TicketRepo;
  /** Staff console accounts (password hashes only). */
  readonly staff: StaffRepo;

  /** True when the backing database answers. */
  ping(): Promise<boolean>;
  /** Closes connections. */
  close(): Promise<void>;
}

/** A staff console account; the password is kept only as an scrypt hash. */
export interface StaffAccount {
  username: string;
  displayName?: string;
  /** `scrypt$<N>$<salt b64>$<hash b64>` */
  passwordHash: string;
  createdAt: string;
  disabled?: boolean;
}

/** Staff accounts for the console (created with `yinling staff add`). */
export interface StaffRepo {
  /** Creates the account or replaces its password/display name. */
  upsert(account: StaffAccount): Promise<void>;
  get(username: string): Promise<StaffAccount | null>;
  list(): Promise<StaffAccount[]>;
}
