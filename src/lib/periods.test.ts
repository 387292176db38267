import { describe, expect, it } from "vitest";
import {
  financialQuarterOf,
  financialYearLabel,
  financialYearOf,
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
