/** Date helpers shared by the store implementations. */

/** Milliseconds since the epoch of an ISO date; throws on a value that is not a date. */
export function ms(value: string): number {
  const t = new Date(value).getTime();
  if (Number.isNaN(t)) throw new Error(`not a date: ${value}`);
  return t;
}

/** Normalises a date string to ISO 8601 (UTC). */
export function iso(value: string): string {
  return new Date(ms(value)).toISOString();
}
