// Calendar months as "YYYY-MM" text: the dashboard's unit of time. Referrals are counted by the
// date they were reported (a date without a time), so no time zone can move one across months.

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

function parseMonth(month: string): { year: number; month: number } {
  const match = monthPattern.exec(month);
  if (!match) throw new RangeError(`Not a month: ${month}`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

const formatMonth = (year: number, month: number) =>
  `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;

/** The month `count` months after (or, negative, before) the given one. */
export function addMonths(month: string, count: number): string {
  const parsed = parseMonth(month);
  const index = parsed.year * 12 + (parsed.month - 1) + count;
  return formatMonth(Math.floor(index / 12), (index % 12) + 1);
}

/** Every month from `from` to `to`, both included, in order; empty when `to` is before `from`. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  return months;
}

/** The first day of the month, as "YYYY-MM-DD". */
export const firstDayOf = (month: string) => `${month}-01`;

/** The last day of the month, as "YYYY-MM-DD": the day before the next month starts. */
export function lastDayOf(month: string): string {
  const { year, month: monthNumber } = parseMonth(month);
  // Day 0 of the next month is the last day of this one; UTC, so no clock change interferes.
  const day = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, "0")}`;
}

/** The last twelve whole months before the month of `today` ("YYYY-MM-DD"). */
export function lastTwelveWholeMonths(today: string): { from: string; to: string } {
  const to = addMonths(today.slice(0, 7), -1);
  return { from: addMonths(to, -11), to };
}
