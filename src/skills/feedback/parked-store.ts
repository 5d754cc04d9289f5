/**
 * Where a parked feedback draft lives: its own store key beside the user's dialog (parked.ts decides
 * when to park, remind and submit). Kept apart so the ticket actions can read a parked draft without
 * importing the reminder logic (a handoff ticket carries the parked report, see actions.ts).
 */
import type { Inbound } from '../../core/types.js';
import type { Services } from '../../services.js';
import type { Draft } from './draft.js';
import { parkedKey } from '../../core/keys.js';

/** How long a set-aside draft can still be submitted. */
export const PARKED_TTL_MS = 24 * 3_600_000;

/** A parked draft and how often it was mentioned. */
export interface Parked {
  draft: Draft;
  parkedAt: string;
  /** How often the user has been told about it with a 1/2 offer or the first "kept" note. */
  mentions: number;
  /** When the last reply offered "回复 1 提交"; absent when the offer is withdrawn. */
  offeredAt?: string;
}

export type Chat = Pick<Inbound, 'channel' | 'chatId' | 'userId'>;

/** Store key of the parked draft (src/core/keys.ts; re-exported for the skill's callers). */
export { parkedKey };

/** The user's parked draft, or null (none, or its day is up). */
export async function loadParked(services: Services, chat: Chat): Promise<Parked | null> {
  const state = await services.store.getDialog(parkedKey(chat), services.clock.now());
  return state ? (state.data as unknown as Parked) : null;
}

/** Saves `parked` until its day is up (counted from when it was parked, not from the last change). */
export async function saveParked(services: Services, chat: Chat, parked: Parked): Promise<void> {
  const now = services.clock.now();
  const left = Date.parse(parked.parkedAt) + PARKED_TTL_MS - now.getTime();
  if (!(left > 0)) return services.store.clearDialog(parkedKey(chat));
  await services.store.setDialog(parkedKey(chat), { flow: 'feedback.parked_draft', step: 'parked', data: { ...parked }, updatedAt: now.toISOString() }, left, now);
}
