import { describe, expect, it } from "vitest";
import { AppError } from "#src/lib/errors.ts";
import { type BidStepBy, editableStatuses, moveBid, nextStatuses, outcomeOfDecisions } from "./machine.ts";
import { type BidStatus, bidStatuses } from "./vocabulary.ts";

// Every legal step: from, to, who records it, its action, and whether it needs a reason.
const legal: [BidStatus, BidStatus, BidStepBy, string, boolean][] = [
  ["draft", "submitted", "applicant", "submit", false],
  ["submitted", "under-board-review", "board", "start-review", false],
  ["under-board-review", "recommended", "board", "recommend", false],
  ["under-board-review", "more-information-requested", "board", "request-information", true],
  ["under-board-review", "not-recommended", "board", "not-recommend", true],
  ["more-information-requested", "submitted", "applicant", "resubmit", true],
  ["recommended", "approved", "decisions", "decide", false],
  ["recommended", "approved-with-conditions", "decisions", "decide", false],
  ["recommended", "declined", "decisions", "decide", false],
  ["approved", "funded", "finance", "fund", false],
  ["approved-with-conditions", "funded", "finance", "fund", false],
  ["funded", "closed", "finance", "close", true],
  ["not-recommended", "closed", "finance", "close", true],
  ["declined", "closed", "finance", "close", true],
];
const everyone: BidStepBy[] = ["applicant", "board", "finance", "decisions"];

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("bid workflow", () => {
  it.each(legal)("allows %s → %s by %s (%s)", (from, to, by, action) => {
    expect(moveBid(from, to, by, "Because")).toEqual({ action, status: to, reason: "Because" });
  });

  it.each(legal.filter(([, , , , needed]) => needed))("needs a reason for %s → %s", (from, to, by) => {
    for (const reason of [undefined, "", "  "]) {
      const error = errorOf(() => moveBid(from, to, by, reason));
      expect(error.code).toBe("validation");
      expect(error.details.fields?.[0]?.field).toBe("reason");
    }
  });

  it.each(legal.filter(([, , , , needed]) => !needed))("takes %s → %s without a reason", (from, to, by) => {
    expect(moveBid(from, to, by, undefined).reason).toBe("");
  });

  it.each(legal)("refuses %s → %s by anyone but %s, naming who records it", (from, to, by) => {
    for (const other of everyone.filter((who) => who !== by)) {
      const error = errorOf(() => moveBid(from, to, other, "Because"));
      expect(error.code).toBe("conflict");
      expect(error.message).toMatch(new RegExp(`^A bid goes from ${from} to ${to} by `));
    }
  });

  const illegal = bidStatuses.flatMap((from) =>
    bidStatuses
      .filter((to) => !legal.some(([f, t]) => f === from && t === to))
      .map((to): [BidStatus, BidStatus] => [from, to]),
  );

  it("refuses every other pair, staying put and leaving closed among them", () => {
    expect(illegal).toHaveLength(bidStatuses.length ** 2 - legal.length);
    expect(illegal).toContainEqual(["draft", "draft"]);
    expect(illegal).toContainEqual(["closed", "draft"]);
    expect(illegal).toContainEqual(["submitted", "recommended"]);
    expect(illegal).toContainEqual(["not-recommended", "submitted"]);
    expect(illegal).toContainEqual(["declined", "approved"]);
  });

  it.each(illegal)("refuses %s → %s by anyone, as a conflict naming both", (from, to) => {
    for (const by of everyone) {
      const error = errorOf(() => moveBid(from, to, by, "Because"));
      expect(error.code).toBe("conflict");
      expect(error.message).toBe(`A bid cannot go from ${from} to ${to}`);
    }
  });

  it("offers each party exactly its legal next statuses, and nothing once closed", () => {
    for (const from of bidStatuses) {
      for (const by of everyone) {
        expect(nextStatuses(from, by).sort()).toEqual(
          legal
            .filter(([f, , who]) => f === from && who === by)
            .map(([, to]) => to)
            .sort(),
        );
      }
    }
    expect(everyone.flatMap((by) => nextStatuses("closed", by))).toEqual([]);
  });

  it("lets the applicant edit only a draft or a bid the board sent back", () => {
    expect([...editableStatuses]).toEqual(["draft", "more-information-requested"]);
  });
});

describe("where decisions leave a bid", () => {
  const makers = ["opcc-west-mercia", "opcc-warwickshire"];
  const decision = (maker: string, outcome: "approved" | "approved-with-conditions" | "declined") => ({
    decisionMakerOrganisationId: maker,
    outcome,
  });

  it("stays recommended until every share is decided", () => {
    expect(outcomeOfDecisions(makers, [])).toBeNull();
    expect(outcomeOfDecisions(makers, [decision("opcc-west-mercia", "approved")])).toBeNull();
  });

  it("is approved when every share is approved, with conditions if any has them", () => {
    expect(
      outcomeOfDecisions(makers, [
        decision("opcc-west-mercia", "approved"),
        decision("opcc-warwickshire", "approved"),
      ]),
    ).toBe("approved");
    expect(
      outcomeOfDecisions(makers, [
        decision("opcc-west-mercia", "approved"),
        decision("opcc-warwickshire", "approved-with-conditions"),
      ]),
    ).toBe("approved-with-conditions");
  });

  it("is declined as soon as one share is declined", () => {
    expect(outcomeOfDecisions(makers, [decision("opcc-warwickshire", "declined")])).toBe("declined");
    expect(
      outcomeOfDecisions(makers, [
        decision("opcc-west-mercia", "approved"),
        decision("opcc-warwickshire", "declined"),
      ]),
    ).toBe("declined");
  });

  it("is decided by one commissioner when one area pays it all", () => {
    expect(outcomeOfDecisions(["opcc-west-mercia"], [decision("opcc-west-mercia", "approved")])).toBe(
      "approved",
    );
  });
});
