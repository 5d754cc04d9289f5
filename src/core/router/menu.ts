/** Stage 1 of routing: menu digits and commands ("1", "菜单", "/help"). */
import type { KnownIntent, RouteResult } from '../types.js';

const ESCAPES: Record<string, KnownIntent> = {
  '0': 'help',
  '菜单': 'help',
  '主菜单': 'help',
  '回主菜单': 'help',
  '返回主菜单': 'help',
  '返回': 'help',
  '/start': 'help',
  '/help': 'help',
  '/menu': 'help',
  'help': 'help',
  'menu': 'help',
  '帮助': 'help',
  '9': 'human_handoff',
  '转人工': 'human_handoff',
  '人工': 'human_handoff',
  '人工服务': 'human_handoff',
  '找工作人员': 'human_handoff',
  '/staff': 'human_handoff',
};

const MENU_DIGITS: Record<string, KnownIntent> = {
  '1': 'policy_query',
  '2': 'activity_list',
  '3': 'feedback',
  '4': 'my_bookings',
};

/** Strips trailing punctuation and spaces so "菜单。" and " 0 " match. */
function key(text: string): string {
  return text.trim().toLowerCase().replace(/[\s。.!！?？~～]+$/u, '');
}

/**
 * The menu route for `text`, or null. Inside a flow only the escapes (0/菜单, 9/转人工) count:
 * other digits belong to the flow's own numbered choices.
 */
export function menuRoute(text: string, opts: { inFlow: boolean }): RouteResult | null {
  const k = key(text);
  const escape = ESCAPES[k];
  if (escape) return { intent: escape, confidence: 1, slots: { menu: true }, source: 'menu' };
  if (opts.inFlow) return null;
  const digit = MENU_DIGITS[k];
  if (digit) return { intent: digit, confidence: 1, slots: { menu: true }, source: 'menu' };
  return null;
}
