import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  financialQuarterOf,
  financialYearLabel,
  financialYearLastDay,
  financialYearOf,
  monthsLeftInFinancialYear,
  monthsOfFinancialYear,
  parseFinancialYearLabel,
  periodEnd,
  periodLabel,
  periodStart,
} from "./periods.js";

describe("financial years", () => {
  it("run from 1 April to 31 March", () => {
    expect(financialYearOf("2027-03-31")).toBe(2026);
    expect(financialYearOf("2027-04-01")).toBe(2027);
    expect(financialYearOf("2026-12-31")).toBe(2026);
    expect(financialYearOf("2027-01-01")).toBe(2026);
  });

  it("are named by both calendar years, the second in two digits", () => {
    expect(financialYearLabel(2026)).toBe("2026/27");
    expect(financialYearLabel(1999)).toBe("1999/00");
    expect(periodLabel("2027-03-31", "fy")).toBe("2026/27");
    expect(periodLabel("2027-04-01", "fy")).toBe("2027/28");
  });

  it("read a timestamp by its date part", () => {
    expect(financialYearOf("2027-03-31T23:30:00.000Z")).toBe(2026);
  });

  it("refuse what is not a date", () => {
    expect(() => financialYearOf("31/03/2027")).toThrow(RangeError);
  });
});

describe("financial quarters", () => {
  it.each([
    ["2026-04-01", 1],
    ["2026-06-30", 1],
    ["2026-07-01", 2],
    ["2026-09-30", 2],
    ["2026-10-01", 3],
    ["2026-12-31", 3],
    ["2027-01-01", 4],
    ["2027-03-31", 4],
  ] as const)("%s is in Q%i", (date, quarter) => {
    expect(financialQuarterOf(date)).toBe(quarter);
  });

  it("are named after their financial year", () => {
    expect(periodLabel("2026-11-15", "quarter")).toBe("2026/27 Q3");
    expect(periodLabel("2027-03-31", "quarter")).toBe("2026/27 Q4");
    expect(periodLabel("2027-04-01", "quarter")).toBe("2027/28 Q1");
  });
});

describe("months", () => {
  it("are named by short month and year", () => {
    expect(periodLabel("2026-11-15", "month")).toBe("Nov 2026");
    expect(periodLabel("2027-01-01", "month")).toBe("Jan 2027");
  });
});

describe("period bounds", () => {
  it("start on the period's first day", () => {
    expect(periodStart("2027-03-31", "fy")).toBe("2026-04-01");
    expect(periodStart("2027-04-01", "fy")).toBe("2027-04-01");
    expect(periodStart("2027-03-31", "quarter")).toBe("2027-01-01");
    expect(periodStart("2026-06-30", "quarter")).toBe("2026-04-01");
    expect(periodStart("2026-11-15", "month")).toBe("2026-11-01");
  });

  it("end on the first day of the next period (exclusive)", () => {
    expect(periodEnd("2027-03-31", "fy")).toBe("2027-04-01");
    expect(periodEnd("2026-11-15", "quarter")).toBe("2027-01-01");
    expect(periodEnd("2026-12-15", "month")).toBe("2027-01-01");
    expect(periodEnd("2026-11-15", "month")).toBe("2026-12-01");
  });
});

describe("financial years for funding", () => {
  it("read their names back, and refuse names whose years do not follow", () => {
    expect(parseFinancialYearLabel("2018/19")).toBe(2018);
    expect(parseFinancialYearLabel("1999/00")).toBe(1999);
    expect(() => parseFinancialYearLabel("2018/20")).toThrow("write it like 2018/19");
    expect(() => parseFinancialYearLabel("2018-19")).toThrow(RangeError);
    expect(() => parseFinancialYearLabel("18/19")).toThrow(RangeError);
  });

  it("list their months from April to March", () => {
    const months = monthsOfFinancialYear(2018);
    expect(months).toHaveLength(12);
    expect(months[0]).toBe("2018-04");
    expect(months[8]).toBe("2018-12");
    expect(months[9]).toBe("2019-01");
    expect(months[11]).toBe("2019-03");
  });

  it("end on 31 March, when unspent money lapses", () => {
    expect(financialYearLastDay(2018)).toBe("2019-03-31");
  });

  it.each([
    ["2019-03-31", 1],
    ["2019-03-01", 1],
    ["2019-01-15", 3],
    ["2018-04-01", 12],
    ["2018-06-30", 10],
    ["2018-07-01", 9],
  ] as const)("on %s, %i months are left to 31 March", (date, months) => {
    expect(monthsLeftInFinancialYear(date)).toBe(months);
  });
});

/** Every day from 2000 to 2040, leap days included, as "YYYY-MM-DD". */
const dayArbitrary = fc
  .integer({ min: Date.UTC(2000, 0, 1) / 86_400_000, max: Date.UTC(2040, 11, 31) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));

describe("financial year and quarter boundaries, for every day", () => {
  it("puts each day in the year that starts on the 1 April on or before it", () => {
    fc.assert(
      fc.property(dayArbitrary, (date) => {
        const start = periodStart(date, "fy");
        expect(start).toBe(`${financialYearOf(date)}-04-01`);
        expect(start <= date && date < periodEnd(date, "fy")).toBe(true);
        expect(monthsOfFinancialYear(financialYearOf(date))).toContain(date.slice(0, 7));
      }),
    );
  });

  it("changes year only between 31 March and 1 April, and quarter only at a quarter's first day", () => {
    fc.assert(
      fc.property(dayArbitrary, (date) => {
        const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        const newYear = financialYearOf(next) !== financialYearOf(date);
        expect(newYear).toBe(next.endsWith("-04-01"));
        expect(newYear).toBe(date.endsWith("-03-31"));
        const newQuarter = periodLabel(next, "quarter") !== periodLabel(date, "quarter");
        expect(newQuarter).toBe(["01-01", "04-01", "07-01", "10-01"].includes(next.slice(5)));
        if (newQuarter) expect(financialQuarterOf(next)).toBe((financialQuarterOf(date) % 4) + 1);
        expect(monthsLeftInFinancialYear(date)).toBe(
          monthsOfFinancialYear(financialYearOf(date)).length -
            monthsOfFinancialYear(financialYearOf(date)).indexOf(date.slice(0, 7)),
        );
      }),
    );
  });

  it("keeps leap days in the year they belong to", () => {
    expect(financialYearOf("2020-02-29")).toBe(2019);
    expect(financialQuarterOf("2024-02-29")).toBe(4);
    expect(periodLabel("2024-02-29", "quarter")).toBe("2023/24 Q4");
  });
});
