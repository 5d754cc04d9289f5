/** What a skill receives and returns. Skills never see a platform SDK type. */
import type { Inbound, KnownIntent, Reply, RouteResult } from '../core/types.js';
import type { DialogState } from '../store/types.js';
import type { Services } from '../services.js';

/** Starts, advances or ends the multi-step flow of the current user in the current chat. */
export interface DialogControl {
  /** Saves the flow state (expires after DIALOG_TTL_MINUTES of silence). */
  start(flow: string, step: string, data?: Record<string, unknown>): Promise<void>;
  /** Ends the current flow. */
  clear(): Promise<void>;
}

export interface SkillContext {
  msg: Inbound;
  /** The normalised text (trimmed, full-width digits folded, wake word / mention removed). */
  text: string;
  route: RouteResult;
  services: Services;
  dialog: DialogControl;
  /** True when the sender is in STAFF_IDS (or is the local terminal user) and writes in private. */
  isStaff: boolean;
  /** Hands the message (or `text`) to the skill of another intent, as if the router had chosen it. */
  redirect(intent: KnownIntent, text?: string): Promise<SkillResult>;
}

/** A skill's answer: replies plus optional structured data (returned by the HTTP API as `data`). */
export interface SkillResult {
  replies: Reply[];
  data?: Record<string, unknown>;
  /** Set by a flow step that does not understand the message: the router handles it instead. */
  passThrough?: boolean;
}

/** Handles one intent. */
export type Skill = (ctx: SkillContext) => Promise<SkillResult>;

/** Handles one message inside a flow; `state` is the saved flow state. */
export type FlowHandler = (ctx: SkillContext & { state: DialogState }) => Promise<SkillResult>;

/**
 * What a flow says when "0" / "9" leaves it (dispatch clears the flow), so that something left
 * undone is never dropped silently ("「掼蛋比赛」还没有报上。"); null when there is nothing to say.
 */
export type LeaveNote = (ctx: { services: Services; state: DialogState }) => Promise<Reply | null>;

/** A skill family (policy, activities, feedback, …): its intents and its flows. */
export interface SkillModule {
  intents: Partial<Record<KnownIntent, Skill>>;
  /** Flow name -> handler; flow names are prefixed with the module name ('booking.confirm'). */
  flows?: Record<string, FlowHandler>;
  /** Flow name -> the line said when "0" / "9" leaves that flow. */
  leaving?: Record<string, LeaveNote>;
}

/** Shorthand for a result with replies only. */
export function replies(...items: (Reply | string)[]): SkillResult {
  return { replies: items.map((r) => (typeof r === 'string' ? { text: r } : r)) };
}
