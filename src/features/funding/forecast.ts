import { formatPence } from "#src/lib/money.ts";
import { monthsOfFinancialYear } from "#src/lib/periods.ts";
import { type CostCategory, costCategories } from "./vocabulary.ts";

/**
 * Spend monitoring for one funded thing (a stream, or one project it funds) in one financial
 * year: what was allocated, what was spent by month and cost category, a forecast to 31 March,
 * the variance, the money at risk of lapsing, and spend in categories the stream does not allow.
 *
 * The forecast is the **run rate**: the months recorded so far (a month is recorded when it has
 * at least one line, even of £0) are assumed to continue at their average for every month not
 * yet recorded. The remainder is actual × months left ÷ months recorded, rounded down to the
 * penny (never promising money that was not spent); each month left gets an equal share rounded
 * down and the last month left takes the pennies over, so the months add up to the forecast
 * exactly. With no month recorded there is no run rate and so no forecast.
 */

export interface SpendLine {
  /** "YYYY-MM", a month of the financial year. */
  month: string;
  category: CostCategory;
  amountPence: number;
}

export interface MonitoringInput<Line extends SpendLine> {
  /** The calendar year the financial year starts in (2018 = "2018/19"). */
  financialYear: number;
  allocationPence: number;
  carriesOver: boolean;
  /** None means any category is allowed. */
  allowedCategories: readonly CostCategory[];
  lines: readonly Line[];
  /** Count only lines up to and including this month: the position as it stood then. */
  throughMonth?: string;
}

export interface CategoryAmount {
  category: CostCategory;
  amountPence: number;
}

export interface MonthOfSpend {
  month: string;
  recorded: boolean;
  /** Recorded spend; 0 for a month not recorded. */
  actualPence: number;
  byCategory: CategoryAmount[];
  /** The run-rate forecast for a month not recorded (null when recorded, or with no run rate). */
  forecastPence: number | null;
}

export interface LapseRisk {
  amountPence: number;
  /** The last day of the financial year, when the money lapses. */
  lapsesOn: string;
  message: string;
}

export interface Monitoring<Line extends SpendLine> {
  financialYear: number;
  allocationPence: number;
  months: MonthOfSpend[];
  byCategory: CategoryAmount[];
  actualPence: number;
  monthsRecorded: number;
  monthsLeft: number;
  /** The average of the months recorded, rounded down (shown to people; the forecast is exact). */
  runRatePence: number | null;
  forecastPence: number | null;
  /** Forecast − allocation: negative is an underspend, positive an overspend. */
  variancePence: number | null;
  /** Only for a stream that does not carry over, when the forecast is under the allocation. */
  lapseRisk: LapseRisk | null;
  ineligible: { totalPence: number; lines: Line[] };
}

const monthNames = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "31 March 2019" for 2018/19. */
export const lapseDate = (financialYear: number) => `31 ${monthNames[2]} ${financialYear + 1}`;

function sumByCategory(lines: readonly SpendLine[]): CategoryAmount[] {
  return costCategories.flatMap((category) => {
    const ofCategory = lines.filter((line) => line.category === category);
    if (ofCategory.length === 0) return [];
    return [{ category, amountPence: ofCategory.reduce((sum, line) => sum + line.amountPence, 0) }];
  });
}

/** Spreads `total` pence over `count` months: equal shares rounded down, the last takes the rest. */
export function spreadOverMonths(total: number, count: number): number[] {
  if (count === 0) return [];
  const each = Math.floor(total / count);
  return Array.from({ length: count }, (_, index) =>
    index === count - 1 ? total - each * (count - 1) : each,
  );
}

export function monitor<Line extends SpendLine>(input: MonitoringInput<Line>): Monitoring<Line> {
  const yearMonths = monthsOfFinancialYear(input.financialYear);
  for (const line of input.lines) {
    if (!yearMonths.includes(line.month)) {
      throw new RangeError(
        `${line.month} is not a month of the financial year starting ${input.financialYear}`,
      );
    }
  }
  // "YYYY-MM" strings sort as dates, so a month compares with the cut-off as text.
  const through = input.throughMonth;
  const lines = through ? input.lines.filter((line) => line.month <= through) : [...input.lines];
  const recordedMonths = yearMonths.filter((month) => lines.some((line) => line.month === month));
  const monthsLeftList = yearMonths.filter((month) => !recordedMonths.includes(month));
  const actualPence = lines.reduce((sum, line) => sum + line.amountPence, 0);

  let remainderPence: number | null = null;
  if (recordedMonths.length > 0) {
    // BigInt: actual × months left can pass 2^53 for very large grants.
    remainderPence = Number(
      (BigInt(actualPence) * BigInt(monthsLeftList.length)) / BigInt(recordedMonths.length),
    );
  }
  const spread = remainderPence === null ? [] : spreadOverMonths(remainderPence, monthsLeftList.length);

  const months: MonthOfSpend[] = yearMonths.map((month) => {
    const ofMonth = lines.filter((line) => line.month === month);
    const leftIndex = monthsLeftList.indexOf(month);
    return {
      month,
      recorded: ofMonth.length > 0,
      actualPence: ofMonth.reduce((sum, line) => sum + line.amountPence, 0),
      byCategory: sumByCategory(ofMonth),
      forecastPence: leftIndex >= 0 ? (spread[leftIndex] ?? null) : null,
    };
  });

  const forecastPence = remainderPence === null ? null : actualPence + remainderPence;
  const variancePence = forecastPence === null ? null : forecastPence - input.allocationPence;
  let lapseRisk: LapseRisk | null = null;
  if (!input.carriesOver && forecastPence !== null && forecastPence < input.allocationPence) {
    const amountPence = input.allocationPence - forecastPence;
    lapseRisk = {
      amountPence,
      lapsesOn: `${input.financialYear + 1}-03-31`,
      message: `${formatPence(amountPence)} at risk of lapsing on ${lapseDate(input.financialYear)}`,
    };
  }

  const allowed = input.allowedCategories;
  const ineligibleLines = lines.filter((line) => allowed.length > 0 && !allowed.includes(line.category));
  return {
    financialYear: input.financialYear,
    allocationPence: input.allocationPence,
    months,
    byCategory: sumByCategory(lines),
    actualPence,
    monthsRecorded: recordedMonths.length,
    monthsLeft: monthsLeftList.length,
    runRatePence: recordedMonths.length > 0 ? Math.floor(actualPence / recordedMonths.length) : null,
    forecastPence,
    variancePence,
    lapseRisk,
    ineligible: {
      totalPence: ineligibleLines.reduce((sum, line) => sum + line.amountPence, 0),
      lines: ineligibleLines,
    },
  };
}
