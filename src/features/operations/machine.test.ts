import { describe, expect, it } from "vitest";
import { operationStatuses } from "#src/db/schema.ts";
import { AppError } from "#src/lib/errors.ts";
import { changeStatus, nextStatuses, type OperationStatus, titleOfAction } from "./machine.ts";

const today = "2026-05-14";
const legal: [OperationStatus, OperationStatus, string][] = [
  ["proposed", "active", "activate"],
  ["proposed", "closed", "close"],
  ["active", "suspended", "suspend"],
  ["active", "closed", "close"],
  ["suspended", "active", "resume"],
  ["suspended", "closed", "close"],
];

const undated = (status: OperationStatus) => ({ status, startedOn: null, endedOn: null });

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("operation status machine", () => {
  it.each(legal)("allows %s → %s (%s)", (from, to, action) => {
    const summary = to === "closed" ? "Three charged, 4 kg of cocaine seized" : undefined;
    const change = changeStatus(undated(from), to, summary, today);
    expect(change).toMatchObject({ status: to, action });
    expect(titleOfAction(action)).toBe(change.title);
  });

  const illegal = operationStatuses.flatMap((from) =>
    operationStatuses
      .filter((to) => !legal.some(([f, t]) => f === from && t === to))
      .map((to): [OperationStatus, OperationStatus] => [from, to]),
  );

  it("refuses every other pair, including staying put and leaving closed", () => {
    expect(illegal).toEqual([
      ["proposed", "proposed"],
      ["proposed", "suspended"],
      ["active", "proposed"],
      ["active", "active"],
      ["suspended", "proposed"],
      ["suspended", "suspended"],
      ["closed", "proposed"],
      ["closed", "active"],
      ["closed", "suspended"],
      ["closed", "closed"],
    ]);
  });

  it.each(illegal)("refuses %s → %s as a conflict naming both", (from, to) => {
    const error = errorOf(() => changeStatus(undated(from), to, "A summary", today));
    expect(error.code).toBe("conflict");
    expect(error.message).toBe(`An operation cannot go from ${from} to ${to}`);
  });

  it.each(legal.filter(([, to]) => to === "closed"))(
    "needs a result summary for %s → %s, and blanks do not count",
    (from, to) => {
      for (const summary of [undefined, "", "   "]) {
        const error = errorOf(() => changeStatus(undated(from), to, summary, today));
        expect(error.code).toBe("validation");
        expect(error.details.fields).toEqual([
          { field: "resultSummary", message: "Give a summary of the operation's results" },
        ]);
      }
    },
  );

  it.each(legal.filter(([, to]) => to !== "closed"))("takes no result summary for %s → %s", (from, to) => {
    const error = errorOf(() => changeStatus(undated(from), to, "Too early", today));
    expect(error.details.fields?.[0]?.field).toBe("resultSummary");
    expect(changeStatus(undated(from), to, "  ", today).resultSummary).toBeNull();
  });

  it("keeps the trimmed result summary on closing", () => {
    expect(changeStatus(undated("active"), "closed", "  Two convicted  ", today).resultSummary).toBe(
      "Two convicted",
    );
  });

  it("dates the start on going active and the end on closing, unless already dated", () => {
    expect(changeStatus(undated("proposed"), "active", undefined, today)).toMatchObject({
      startedOn: today,
      endedOn: null,
    });
    const planned = { status: "proposed" as const, startedOn: "2026-04-01", endedOn: null };
    expect(changeStatus(planned, "active", undefined, today).startedOn).toBe("2026-04-01");
    expect(changeStatus(undated("suspended"), "active", undefined, today).startedOn).toBe(today);
    expect(changeStatus(undated("active"), "suspended", undefined, today)).toMatchObject({
      startedOn: null,
      endedOn: null,
    });

    const running = { status: "active" as const, startedOn: "2026-01-10", endedOn: null };
    expect(changeStatus(running, "closed", "Done", today)).toMatchObject({
      startedOn: "2026-01-10",
      endedOn: today,
    });
    const ended = { status: "suspended" as const, startedOn: "2026-01-10", endedOn: "2026-03-31" };
    expect(changeStatus(ended, "closed", "Done", today).endedOn).toBe("2026-03-31");
    // Closing a proposal never started leaves the start empty.
    expect(changeStatus(undated("proposed"), "closed", "Not needed", today)).toMatchObject({
      startedOn: null,
      endedOn: today,
    });
  });

  it("refuses to close an operation before its recorded start, naming the end date", () => {
    const future = { status: "proposed" as const, startedOn: "2026-09-01", endedOn: null };
    const error = errorOf(() => changeStatus(future, "closed", "Cancelled", today));
    expect(error.details.fields?.[0]?.field).toBe("endedOn");
  });

  it("offers exactly the legal next statuses, and none once closed", () => {
    for (const from of operationStatuses) {
      expect(nextStatuses(from).sort()).toEqual(
        legal
          .filter(([f]) => f === from)
          .map(([, to]) => to)
          .sort(),
      );
    }
    expect(nextStatuses("closed")).toEqual([]);
  });

  it("has no title for actions that are not status changes", () => {
    expect(titleOfAction("update")).toBeUndefined();
  });
});
