/** Days and months as the providers count them: Asia/Shanghai (UTC+8, no daylight saving). */

/** The UTC instants a Beijing calendar day runs from (inclusive) and to (exclusive). */
export function tenantDay(date: string): { from: Date; to: Date } {
  const from = new Date(`${date}T00:00:00+08:00`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(from.getTime())) throw new RangeError(`not a date: ${date}`);
  return { from, to: new Date(from.getTime() + 86_400_000) };
}

/** The Beijing calendar day of an instant ('YYYY-MM-DD'). */
export function beijingDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
