/**
 * Ticket rules shared by every store: numbering, the change -> history mapping, filters, and the
 * change methods every repo exposes on top of its own atomic `change`.
 */
import type { RatingOutcome, Ticket, TicketCategory, TicketEvent, TicketFilter, TicketRepo, TicketStatus } from './ticket-types.js';

export type NewTicket = Omit<Ticket, 'no' | 'status' | 'createdAt' | 'updatedAt'>;

/** A change a staff member (or the retiree, for ratings) makes to a ticket. */
export type TicketChange =
  | { type: 'status'; status: TicketStatus }
  | { type: 'category'; category: TicketCategory }
  | { type: 'reply'; text: string }
  | { type: 'rating'; rating: number };

/** yyyymmdd of `now` in time zone `tz` (ticket numbers count per local day). */
export function localDay(now: Date, tz: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now).replace(/-/g, '');
}

/** FK20261127-0007 */
export function ticketNumber(day: string, seq: number): string {
  return `FK${day}-${String(seq).padStart(4, '0')}`;
}

/** Applies one change; returns the new ticket and the history events (none when nothing changed). */
export function applyTicketChange(t: Ticket, change: TicketChange, actor: string, at: string): { ticket: Ticket; events: TicketEvent[] } {
  const next: Ticket = { ...t };
  const events: TicketEvent[] = [];
  const statusTo = (status: TicketStatus): void => {
    if (next.status === status) return;
    events.push({ ticketNo: t.no, at, actor, kind: 'status', from: next.status, to: status });
    if (status === 'closed') next.closedAt = at;
    else delete next.closedAt; // reopened
    next.status = status;
  };
  switch (change.type) {
    case 'status':
      statusTo(change.status);
      break;
    case 'category':
      if (change.category !== t.category) {
        events.push({ ticketNo: t.no, at, actor, kind: 'category', from: t.category, to: change.category });
        next.category = change.category;
      }
      break;
    case 'reply':
      events.push({ ticketNo: t.no, at, actor, kind: 'reply', text: change.text });
      next.firstReplyAt ??= at;
      statusTo('replied');
      break;
    case 'rating':
      if (!Number.isInteger(change.rating) || change.rating < 1 || change.rating > 5) throw new RangeError('rating must be an integer 1-5');
      // A ticket is rated once: a second rating (a second message, another instance) changes nothing.
      if (t.rating !== undefined) break;
      events.push({ ticketNo: t.no, at, actor, kind: 'rating', to: String(change.rating) });
      next.rating = change.rating;
      break;
  }
  if (events.length) next.updatedAt = at;
  return { ticket: next, events };
}

/** True when the ticket passes the filter (shared by both stores). */
export function matchesFilter(t: Ticket, f: TicketFilter): boolean {
  if (f.status !== undefined) {
    const wanted = Array.isArray(f.status) ? f.status : [f.status];
    if (!wanted.includes(t.status)) return false;
  }
  if (f.category && t.category !== f.category) return false;
  if (f.userId && t.userId !== f.userId) return false;
  if (f.since && Date.parse(t.createdAt) < f.since.getTime()) return false;
  return true;
}


/** What one change did: the ticket after it, and whether anything changed (a history event was written). */
export interface ChangeOutcome {
  ticket: Ticket;
  changed: boolean;
}

/** The four staff actions, each one `change` (which each store makes atomic in its own way). */
export abstract class TicketChanges implements Pick<TicketRepo, 'setStatus' | 'setCategory' | 'addReply' | 'setRating'> {
  /** Applies `change` atomically (read, applyTicketChange, write only when nobody changed it meanwhile); null for an unknown ticket. */
  protected abstract change(no: string, change: TicketChange, actor: string, now: Date): Promise<ChangeOutcome | null>;

  async setStatus(no: string, status: TicketStatus, actor: string, now: Date): Promise<Ticket | null> {
    return (await this.change(no, { type: 'status', status }, actor, now))?.ticket ?? null;
  }

  async setCategory(no: string, category: TicketCategory, actor: string, now: Date): Promise<Ticket | null> {
    return (await this.change(no, { type: 'category', category }, actor, now))?.ticket ?? null;
  }

  async addReply(no: string, text: string, actor: string, now: Date): Promise<Ticket | null> {
    return (await this.change(no, { type: 'reply', text }, actor, now))?.ticket ?? null;
  }

  async setRating(no: string, rating: number, actor: string, now: Date): Promise<RatingOutcome | null> {
    const out = await this.change(no, { type: 'rating', rating }, actor, now);
    return out ? { ticket: out.ticket, rated: out.changed } : null;
  }
}
