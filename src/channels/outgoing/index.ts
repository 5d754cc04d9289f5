/** Shared outgoing path for chat channels: split, render, throttle, retry. */
export { splitReplyText } from './split.js';
export { renderReplyAsText } from './render.js';
export { Throttle, wechatLimits, telegramLimits, realSleep, type ThrottleLimits, type Sleep } from './throttle.js';
export { withRetry, type RetryOptions } from './retry.js';
export { OutgoingQueue, type OutgoingPart, type OutgoingOptions } from './sender.js';
export { KeyedSerial } from './serial.js';
export { alertStaff, staffChats, isStaffMember } from './staff-alert.js';
export { isStaleAtStartup, stripTypedMention, stripQuote, STALE_AT_STARTUP_MS } from './inbound-rules.js';
export { ALL_GROUPS } from './targets.js';
