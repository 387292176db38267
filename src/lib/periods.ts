import { type AnyColumn, type SQL, sql } from "drizzle-orm";

/**
 * Reporting periods. UK policing reports by financial year (1 April–31 March, named "2026/27"),
 * by its quarters (Q1 = April–June, named "2026/27 Q1") and by calendar month ("Nov 2026").
 * Dates are ISO strings ("YYYY-MM-DD"; a longer timestamp is read by its date part) so that no
 * time zone can move a 31 March claim into the next year.
 */
export const periods = ["fy", "quarter", "month"] as const;
export type Period = (typeof periods)[number];

const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

interface CalendarDate {
  year: number;
  month: number; // 1–12
  day: number;
}

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})/;

function parseIsoDate(date: string): CalendarDate {
  const match = isoDatePattern.exec(date);
  if (!match) throw new RangeError(`Not an ISO date: ${date}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");
const isoDate = (year: number, month: number, day = 1) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** The calendar year in which the date's financial year starts: 2027-03-31 → 2026, 2027-04-01 → 2027. */
export function financialYearOf(date: string): number {
  const { year, month } = parseIsoDate(date);
  return month >= 4 ? year : year - 1;
}

/** "2026/27" for the financial year starting 1 April 2026. */
export function financialYearLabel(startYear: number): string {
  return `${startYear}/${pad((startYear + 1) % 100)}`;
}

const financialYearLabelPattern = /^(\d{4})\/(\d{2})$/;

/** The start year of a financial year named like "2018/19"; the second year must follow the first. */
export function parseFinancialYearLabel(label: string): number {
  const match = financialYearLabelPattern.exec(label.trim());
  const startYear = Number(match?.[1]);
  if (!match || financialYearLabel(startYear) !== match[0]) {
    throw new RangeError(`"${label}" is not a financial year: write it like 2018/19`);
  }
  return startYear;
}

/** The last day of the financial year, when unspent money lapses: 2018 → "2019-03-31". */
export const financialYearLastDay = (startYear: number) => isoDate(startYear + 1, 3, 31);

/** The twelve months of a financial year as "YYYY-MM", April first. */
export function monthsOfFinancialYear(startYear: number): string[] {
  return Array.from({ length: 12 }, (_, index) => {
    const monthIndex = 3 + index; // April is month index 3
    return `${pad(startYear + Math.floor(monthIndex / 12), 4)}-${pad((monthIndex % 12) + 1)}`;
  });
}

/**
 * Months of the date's financial year still to come, counting the date's own month: 1 in March,
 * 12 in April. What a forecast to 31 March spreads the remaining spend over.
 */
export function monthsLeftInFinancialYear(date: string): number {
  const { month } = parseIsoDate(date);
  return 12 - ((month + 8) % 12);
}

/** The financial quarter, 1–4: April–June is 1, January–March is 4. */
export function financialQuarterOf(date: string): 1 | 2 | 3 | 4 {
  const { month } = parseIsoDate(date);
  const monthsIntoYear = (month + 8) % 12; // April → 0 … March → 11
  return (Math.floor(monthsIntoYear / 3) + 1) as 1 | 2 | 3 | 4;
}

/** The first day of the period containing the date, as "YYYY-MM-DD": a stable key that sorts. */
export function periodStart(date: string, period: Period): string {
  const { year, month } = parseIsoDate(date);
  if (period === "month") return isoDate(year, month);
  if (period === "quarter") return isoDate(year, month - ((month - 1) % 3));
  return isoDate(financialYearOf(date), 4);
}

/** The day after the period containing the date ends, as "YYYY-MM-DD" (an exclusive bound). */
export function periodEnd(date: string, period: Period): string {
  const start = parseIsoDate(periodStart(date, period));
  const months = period === "month" ? 1 : period === "quarter" ? 3 : 12;
  const monthIndex = start.month - 1 + months;
  return isoDate(start.year + Math.floor(monthIndex / 12), (monthIndex % 12) + 1);
}

/** How people name the period containing the date: "2026/27", "2026/27 Q3" or "Nov 2026". */
export function periodLabel(date: string, period: Period): string {
  if (period === "fy") return financialYearLabel(financialYearOf(date));
  if (period === "quarter") {
    return `${financialYearLabel(financialYearOf(date))} Q${financialQuarterOf(date)}`;
  }
  const { year, month } = parseIsoDate(date);
  return `${monthNames[month - 1]} ${year}`;
}

/**
 * The same bucketing in SQL: the first day of the period containing a date column, as
 * 'YYYY-MM-DD' text, so rows can be grouped in the database and labelled with periodLabel().
 * Financial quarters coincide with calendar quarters, so date_trunc serves for them.
 */
export function periodStartSql(dateColumn: SQL | AnyColumn, period: Period): SQL<string> {
  if (period === "month") return sql<string>`to_char(date_trunc('month', ${dateColumn}), 'YYYY-MM-DD')`;
  if (period === "quarter") return sql<string>`to_char(date_trunc('quarter', ${dateColumn}), 'YYYY-MM-DD')`;
  return sql<string>`to_char(make_date(extract(year FROM (${dateColumn})::date - interval '3 months')::int, 4, 1), 'YYYY-MM-DD')`;
}

/** Today in the UK, where the work is recorded, as "YYYY-MM-DD". */
export const ukToday = () =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
