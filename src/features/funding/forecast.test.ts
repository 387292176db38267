import { describe, expect, it } from "vitest";
import { lapseDate, monitor, type SpendLine, spreadOverMonths } from "./forecast.ts";

const pounds = (amount: number) => amount * 100;
const aprilToSeptember = ["2018-04", "2018-05", "2018-06", "2018-07", "2018-08", "2018-09"];
const staffMonths = (months: readonly string[], amountPence: number): SpendLine[] =>
  months.map((month) => ({ month, category: "staff", amountPence }));

const base = {
  financialYear: 2018,
  allocationPence: pounds(120_000),
  carriesOver: false,
  allowedCategories: [] as const,
};

describe("spend monitoring", () => {
  it("forecasts £6,400 a month for April–September as £76,800, with £43,200 at risk of lapsing", () => {
    const result = monitor({ ...base, lines: staffMonths(aprilToSeptember, pounds(6_400)) });
    expect(result.actualPence).toBe(pounds(38_400));
    expect(result.monthsRecorded).toBe(6);
    expect(result.monthsLeft).toBe(6);
    expect(result.runRatePence).toBe(pounds(6_400));
    expect(result.forecastPence).toBe(pounds(76_800));
    expect(result.variancePence).toBe(-pounds(43_200));
    expect(result.lapseRisk).toEqual({
      amountPence: pounds(43_200),
      lapsesOn: "2019-03-31",
      message: "£43,200.00 at risk of lapsing on 31 March 2019",
    });
    expect(result.months.map((month) => month.forecastPence)).toEqual([
      ...Array(6).fill(null),
      ...Array(6).fill(pounds(6_400)),
    ]);
  });

  it("gives no forecast, variance or lapse risk before any month is recorded", () => {
    const result = monitor({ ...base, lines: [] });
    expect(result).toMatchObject({
      actualPence: 0,
      monthsRecorded: 0,
      monthsLeft: 12,
      runRatePence: null,
      forecastPence: null,
      variancePence: null,
      lapseRisk: null,
    });
    expect(result.months.every((month) => month.forecastPence === null && !month.recorded)).toBe(true);
  });

  it("forecasts the actual when every month is recorded", () => {
    const months = ["04", "05", "06", "07", "08", "09", "10", "11", "12"].map((m) => `2018-${m}`);
    const lines = staffMonths([...months, "2019-01", "2019-02", "2019-03"], pounds(10_000));
    const result = monitor({ ...base, lines });
    expect(result.monthsLeft).toBe(0);
    expect(result.forecastPence).toBe(pounds(120_000));
    expect(result.variancePence).toBe(0);
    expect(result.lapseRisk).toBeNull();
  });

  it("counts a month recorded at £0 in the run rate", () => {
    const lines = [...staffMonths(["2018-04", "2018-05"], pounds(9_000)), ...staffMonths(["2018-06"], 0)];
    const result = monitor({ ...base, lines });
    expect(result.monthsRecorded).toBe(3);
    expect(result.runRatePence).toBe(pounds(6_000));
    expect(result.forecastPence).toBe(pounds(72_000));
    expect(result.months[2]).toMatchObject({ month: "2018-06", recorded: true, actualPence: 0 });
  });

  it("rounds the rest of the year down to the penny and gives the last month left the pennies over", () => {
    // £100.00 over 3 months: run rate 3,333.33…p; 9 months left: 900,000 ÷ 3 = exactly 300,000p.
    // £100.01 over 3 months: 10,001 × 9 ÷ 3 = 30,003p, spread 3,333 × 8 and 3,339 in March.
    const result = monitor({
      ...base,
      lines: staffMonths(["2018-04", "2018-05", "2018-06"], 0).concat([
        { month: "2018-04", category: "travel", amountPence: 10_001 },
      ]),
    });
    expect(result.forecastPence).toBe(10_001 + 30_003);
    const spread = result.months.flatMap((month) =>
      month.forecastPence === null ? [] : [month.forecastPence],
    );
    expect(spread).toEqual([...Array(8).fill(3_333), 3_339]);
    expect(spread.reduce((sum, amount) => sum + amount, 0)).toBe(30_003);
    // 7p over 10 months with 2 left: 7 × 2 ÷ 10 = 1.4p, rounded down to 1p.
    const tiny = monitor({
      ...base,
      lines: staffMonths(
        [
          "2018-04",
          "2018-05",
          "2018-06",
          "2018-07",
          "2018-08",
          "2018-09",
          "2018-10",
          "2018-11",
          "2018-12",
          "2019-01",
        ],
        0,
      ).concat([{ month: "2018-04", category: "staff", amountPence: 7 }]),
    });
    expect(tiny.monthsRecorded).toBe(10);
    expect(tiny.forecastPence).toBe(7 + 1);
  });

  it("shows no lapse risk for a stream that carries over, nor for an overspend", () => {
    const lines = staffMonths(aprilToSeptember, pounds(6_400));
    expect(monitor({ ...base, carriesOver: true, lines }).lapseRisk).toBeNull();
    const over = monitor({ ...base, allocationPence: pounds(50_000), lines });
    expect(over.variancePence).toBe(pounds(26_800));
    expect(over.lapseRisk).toBeNull();
  });

  it("flags lines in a category the stream does not allow, with their total", () => {
    const lines: SpendLine[] = [
      ...staffMonths(["2018-04"], pounds(5_000)),
      { month: "2018-05", category: "hardware", amountPence: pounds(1_250) },
      { month: "2018-06", category: "travel", amountPence: pounds(80) },
    ];
    const result = monitor({ ...base, allowedCategories: ["staff"], lines });
    expect(result.ineligible.totalPence).toBe(pounds(1_330));
    expect(result.ineligible.lines.map((line) => line.category)).toEqual(["hardware", "travel"]);
    expect(monitor({ ...base, lines }).ineligible.lines).toEqual([]);
    expect(result.byCategory).toEqual([
      { category: "staff", amountPence: pounds(5_000) },
      { category: "hardware", amountPence: pounds(1_250) },
      { category: "travel", amountPence: pounds(80) },
    ]);
  });

  it("counts only the months up to a cut-off, as a monthly pack saw them", () => {
    const result = monitor({
      ...base,
      lines: staffMonths(aprilToSeptember, pounds(6_400)),
      throughMonth: "2018-06",
    });
    expect(result.monthsRecorded).toBe(3);
    expect(result.forecastPence).toBe(pounds(76_800));
    expect(result.actualPence).toBe(pounds(19_200));
  });

  it("refuses a line outside the financial year", () => {
    expect(() => monitor({ ...base, lines: staffMonths(["2019-04"], 1) })).toThrow(RangeError);
  });

  it("spreads exactly and names the lapse date from the year", () => {
    expect(spreadOverMonths(10, 3)).toEqual([3, 3, 4]);
    expect(spreadOverMonths(0, 2)).toEqual([0, 0]);
    expect(spreadOverMonths(5, 0)).toEqual([]);
    expect(lapseDate(2018)).toBe("31 March 2019");
    expect(lapseDate(2026)).toBe("31 March 2027");
  });
});
