/** Feedback ticket types and the TicketRepo part of the Store contract. */
import type { ChatRef } from '../core/types.js';

export type TicketCategory = 'suggestion' | 'complaint' | 'help_request' | 'hospitalization' | 'handoff' | 'other';
export type TicketStatus = 'new' | 'accepted' | 'in_progress' | 'replied' | 'closed';

export interface Ticket {
  /** Ticket number such as FK20261127-0007. */
  no: string;
  /** The person who reported it: channel and platform user id, "wechat:wxid_abc" (core/person.ts personId). */
  userId: string;
  userName?: string;
  chat: ChatRef;
  category: TicketCategory;
  status: TicketStatus;
  text: string;
  /** Extra details collected by the follow-up question (hospital, may staff call, phone…). */
  details?: Record<string, unknown>;
  /** Message id that created the ticket (duplicates refused). */
  messageId?: string;
  createdAt: string;
  updatedAt: string;
  firstReplyAt?: string;
  closedAt?: string;
  rating?: number;
  /** Suggestion for staff (e.g. from an LLM); never replaces the retiree's words. */
  summary?: string;
  suggestedCategory?: TicketCategory;
}

export interface TicketEvent {
  ticketNo: string;
  at: string;
  actor: string;
  kind: 'created' | 'status' | 'category' | 'reply' | 'rating' | 'note';
  from?: string;
  to?: string;
  text?: string;
}

export interface TicketFilter {
  status?: TicketStatus | TicketStatus[];
  category?: TicketCategory;
  /** Tickets of one person (personId, "wechat:wxid_abc"). */
  userId?: string;
  since?: Date;
  limit?: number;
}

/** What setRating did: the ticket as it is now, and whether this call recorded the rating. */
export interface RatingOutcome {
  ticket: Ticket;
  /** False when the ticket already had a rating (it is left as it was). */
  rated: boolean;
}

export interface TicketRepo {
  /** Creates a ticket with the next number of the day; a repeated messageId returns the first ticket. */
  create(input: Omit<Ticket, 'no' | 'status' | 'createdAt' | 'updatedAt'>, now: Date): Promise<{ ticket: Ticket; duplicate: boolean }>;
  get(no: string): Promise<Ticket | null>;
  list(filter?: TicketFilter): Promise<Ticket[]>;
  setStatus(no: string, status: TicketStatus, actor: string, now: Date): Promise<Ticket | null>;
  setCategory(no: string, category: TicketCategory, actor: string, now: Date): Promise<Ticket | null>;
  addReply(no: string, text: string, actor: string, now: Date): Promise<Ticket | null>;
  /**
   * Records the retiree's 1-5 rating only when the ticket has none (atomically: of two rating messages
   * handled at once, by two instances too, one rates); `rated` says whether this call did. Null for an
   * unknown ticket; throws for a rating outside 1-5.
   */
  setRating(no: string, rating: number, actor: string, now: Date): Promise<RatingOutcome | null>;
  update(no: string, patch: Partial<Pick<Ticket, 'details' | 'summary' | 'suggestedCategory'>>): Promise<Ticket | null>;
  history(no: string): Promise<TicketEvent[]>;
}
