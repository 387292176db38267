import { describe, expect, it } from "vitest";
import { addMonths, lastDayOf, lastTwelveWholeMonths, monthsBetween } from "./months.ts";

describe("dashboard months", () => {
  it("steps across year ends both ways", () => {
    expect(addMonths("2025-12", 1)).toBe("2026-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2026-03", -15)).toBe("2024-12");
    expect(addMonths("2026-03", 0)).toBe("2026-03");
  });

  it("lists every month of a range, both ends included", () => {
    expect(monthsBetween("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(monthsBetween("2026-02", "2026-02")).toEqual(["2026-02"]);
    expect(monthsBetween("2026-03", "2026-02")).toEqual([]);
  });

  it("knows the last day of each month, leap years included", () => {
    expect(lastDayOf("2024-02")).toBe("2024-02-29");
    expect(lastDayOf("2026-02")).toBe("2026-02-28");
    expect(lastDayOf("2026-04")).toBe("2026-04-30");
    expect(lastDayOf("2026-12")).toBe("2026-12-31");
  });

  it("defaults to the twelve whole months before the current one", () => {
    expect(lastTwelveWholeMonths("2026-11-23")).toEqual({ from: "2025-11", to: "2026-10" });
    // On 1 January the last whole month is the December before.
    expect(lastTwelveWholeMonths("2027-01-01")).toEqual({ from: "2026-01", to: "2026-12" });
  });

  it("refuses text that is not a month", () => {
    expect(() => addMonths("2026-13", 1)).toThrow(RangeError);
  });
});
