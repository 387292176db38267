import { describe, expect, it } from "vitest";
import { ocgStatuses } from "#src/db/schema.ts";
import { AppError } from "#src/lib/errors.ts";
import { changeStatus, nextStatuses, type OcgStatus, titleOfAction } from "./machine.ts";

const legal: [OcgStatus, OcgStatus, string, boolean][] = [
  ["active", "dormant", "make_dormant", false],
  ["dormant", "active", "reactivate", false],
  ["active", "archived", "archive", true],
  ["dormant", "archived", "archive", true],
  ["archived", "active", "reinstate", true],
];

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("OCG status machine", () => {
  it.each(legal)("allows %s → %s (%s)", (from, to, action, reasonRequired) => {
    const change = changeStatus(from, to, "Intelligence shows the group has disbanded");
    expect(change).toMatchObject({ status: to, action, reasonRequired });
    expect(titleOfAction(action)).toBe(change.title);
  });

  const illegal = ocgStatuses.flatMap((from) =>
    ocgStatuses
      .filter((to) => !legal.some(([f, t]) => f === from && t === to))
      .map((to): [OcgStatus, OcgStatus] => [from, to]),
  );

  it("refuses every other pair, including staying put", () => {
    expect(illegal).toEqual([
      ["active", "active"],
      ["dormant", "dormant"],
      ["archived", "dormant"],
      ["archived", "archived"],
    ]);
  });

  it.each(illegal)("refuses %s → %s as a conflict naming both", (from, to) => {
    const error = errorOf(() => changeStatus(from, to, "a reason"));
    expect(error.code).toBe("conflict");
    expect(error.message).toBe(`An OCG cannot go from ${from} to ${to}`);
  });

  it.each(legal.filter(([, , , reasonRequired]) => reasonRequired))(
    "needs a reason for %s → %s, and blanks do not count",
    (from, to) => {
      for (const reason of [undefined, "", "   "]) {
        const error = errorOf(() => changeStatus(from, to, reason));
        expect(error.code).toBe("validation");
        expect(error.details.fields?.[0]?.field).toBe("reason");
      }
    },
  );

  it("keeps the archive reason while archived and clears it on reinstatement", () => {
    expect(changeStatus("active", "archived", "  Members imprisoned  ").archiveReason).toBe(
      "Members imprisoned",
    );
    expect(changeStatus("archived", "active", "New intelligence").archiveReason).toBeNull();
    expect(changeStatus("active", "dormant").archiveReason).toBeNull();
  });

  it("offers exactly the legal next statuses", () => {
    for (const from of ocgStatuses) {
      expect(nextStatuses(from).sort()).toEqual(
        legal
          .filter(([f]) => f === from)
          .map(([, to]) => to)
          .sort(),
      );
    }
  });

  it("has no title for actions that are not status changes", () => {
    expect(titleOfAction("update")).toBeUndefined();
  });
});
