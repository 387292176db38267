import { describe, expect, it } from "vitest";
import { disruptionStatuses, panelDecisions } from "#src/db/schema.ts";
import { AppError } from "#src/lib/errors.ts";
import {
  actionsInState,
  assertEditable,
  closePanel,
  type DisruptionStatus,
  decide,
  list,
  type PanelStatus,
  submit,
} from "./machine.ts";

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

const fieldsOf = (error: AppError) => (error.details.fields ?? []).map((field) => field.field).sort();

/** A full decision of each kind, valid for a claim made as "major". */
const validDecision = {
  accepted: { decision: "accepted" },
  regraded: { decision: "regraded", grade: "minor", reason: "Only one courier arrested" },
  rejected: { decision: "rejected", reason: "Not linked to the OCG" },
  returned: { decision: "returned", reason: "Attach the custody record" },
} as const;

const decidedStatuses: DisruptionStatus[] = ["accepted", "regraded", "rejected", "returned"];

describe("claim machine: submitting", () => {
  it("submits a draft and resubmits a returned claim", () => {
    expect(submit("draft")).toEqual({ status: "submitted", action: "submit" });
    expect(submit("returned")).toEqual({ status: "submitted", action: "resubmit" });
  });

  it.each(disruptionStatuses.filter((status) => status !== "draft" && status !== "returned"))(
    "refuses to submit a %s claim",
    (status) => {
      const error = errorOf(() => submit(status));
      expect(error.code).toBe("conflict");
      expect(error.message).toBe(
        `A ${status} claim cannot be submitted: only drafts and returned claims can`,
      );
    },
  );
});

describe("claim machine: editing", () => {
  it.each(["draft", "returned"] as const)("lets the claimant change a %s claim", (status) => {
    expect(() => assertEditable(status)).not.toThrow();
  });

  it.each(disruptionStatuses.filter((status) => status !== "draft" && status !== "returned"))(
    "refuses changes to a %s claim",
    (status) => {
      expect(errorOf(() => assertEditable(status)).code).toBe("conflict");
    },
  );
});

describe("claim machine: listing for a panel", () => {
  it("lists a submitted claim on an open panel", () => {
    expect(list("submitted", "open")).toBe("listed");
  });

  it.each(disruptionStatuses.filter((status) => status !== "submitted"))(
    "refuses to list a %s claim",
    (status) => {
      expect(errorOf(() => list(status, "open")).message).toBe(
        `A ${status} claim cannot be listed: only submitted claims can`,
      );
    },
  );

  it("lists nothing on a closed panel", () => {
    expect(errorOf(() => list("submitted", "closed")).message).toBe("This panel is closed");
  });
});

describe("claim machine: deciding", () => {
  it.each(panelDecisions)("moves a listed claim to %s", (decision) => {
    const outcome = decide(
      { status: "listed", panelStatus: "open", claimedGrade: "major" },
      validDecision[decision],
    );
    expect(outcome.status).toBe(decision);
    expect(outcome.decision).toBe(decision);
  });

  it("gives the grade that counts only to accepted and regraded claims", () => {
    const claim = { status: "listed", panelStatus: "open", claimedGrade: "major" } as const;
    expect(decide(claim, validDecision.accepted)).toMatchObject({ moderatedGrade: "major", grade: "major" });
    expect(decide(claim, validDecision.regraded)).toMatchObject({
      moderatedGrade: "minor",
      grade: "minor",
      decisionReason: "Only one courier arrested",
    });
    expect(decide(claim, validDecision.rejected)).toMatchObject({ moderatedGrade: null, grade: null });
    expect(decide(claim, validDecision.returned)).toMatchObject({
      moderatedGrade: null,
      grade: null,
      decisionReason: "Attach the custody record",
    });
  });

  // Every decided status × every decision: the open panel may change its mind.
  const redecisions = decidedStatuses.flatMap((from) =>
    panelDecisions.map((to): [DisruptionStatus, (typeof panelDecisions)[number]] => [from, to]),
  );
  it.each(redecisions)("lets the open panel change a %s claim to %s", (from, to) => {
    expect(
      decide({ status: from, panelStatus: "open", claimedGrade: "major" }, validDecision[to]).status,
    ).toBe(to);
  });

  it.each(["draft", "submitted"] as const)("refuses to decide a %s claim (not on an agenda)", (status) => {
    for (const decision of panelDecisions) {
      const error = errorOf(() =>
        decide({ status, panelStatus: null, claimedGrade: "major" }, validDecision[decision]),
      );
      expect(error.code).toBe("conflict");
      expect(error.message).toBe(
        `A ${status} claim cannot be decided: it must be listed on an open panel's agenda`,
      );
    }
  });

  it.each(["listed", ...decidedStatuses] as const)(
    "refuses every decision on a %s claim once its panel closed",
    (status) => {
      for (const decision of panelDecisions) {
        const error = errorOf(() =>
          decide({ status, panelStatus: "closed", claimedGrade: "major" }, validDecision[decision]),
        );
        expect(error.code).toBe("conflict");
        expect(error.message).toBe("This panel is closed");
      }
    },
  );

  const listed = { status: "listed", panelStatus: "open", claimedGrade: "moderate" } as const;

  it("needs a different grade and a reason to regrade, and says which fields are wrong", () => {
    expect(fieldsOf(errorOf(() => decide(listed, { decision: "regraded" })))).toEqual(["grade", "reason"]);
    expect(
      fieldsOf(errorOf(() => decide(listed, { decision: "regraded", grade: "moderate", reason: "Same" }))),
    ).toEqual(["grade"]);
    expect(
      fieldsOf(errorOf(() => decide(listed, { decision: "regraded", grade: "major", reason: "   " }))),
    ).toEqual(["reason"]);
  });

  it.each(["rejected", "returned"] as const)(
    "needs a reason to mark a claim %s, and no grade",
    (decision) => {
      const error = errorOf(() => decide(listed, { decision, reason: " " }));
      expect(error.code).toBe("validation");
      expect(fieldsOf(error)).toEqual(["reason"]);
      expect(fieldsOf(errorOf(() => decide(listed, { decision, grade: "minor", reason: "x" })))).toEqual([
        "grade",
      ]);
    },
  );

  it("accepts at the claimed grade only", () => {
    expect(decide(listed, { decision: "accepted", grade: "moderate" }).moderatedGrade).toBe("moderate");
    expect(fieldsOf(errorOf(() => decide(listed, { decision: "accepted", grade: "major" })))).toEqual([
      "grade",
    ]);
  });
});

describe("claim machine: actions offered", () => {
  const cases: [DisruptionStatus, PanelStatus | null, string[]][] = [
    ["draft", null, ["edit", "submit"]],
    ["submitted", null, []],
    ["listed", "open", ["decide"]],
    ["listed", "closed", []],
    ["accepted", "open", ["decide"]],
    ["accepted", "closed", []],
    ["regraded", "closed", []],
    ["rejected", "closed", []],
    ["returned", "open", ["edit", "submit", "decide"]],
    ["returned", "closed", ["edit", "submit"]],
  ];
  it.each(cases)("offers a %s claim (panel %s): %j", (status, panelStatus, actions) => {
    expect(actionsInState({ status, panelStatus })).toEqual(actions);
  });
});

describe("panel machine", () => {
  it("closes an open panel with every claim decided", () => {
    expect(closePanel("open", 0)).toBe("closed");
  });

  it("refuses to close while claims are undecided, naming how many", () => {
    expect(errorOf(() => closePanel("open", 1)).message).toBe(
      "1 claim is still undecided: decide it before closing the panel",
    );
    const error = errorOf(() => closePanel("open", 3));
    expect(error.code).toBe("conflict");
    expect(error.message).toBe("3 claims are still undecided: decide them before closing the panel");
  });

  it("refuses to close a closed panel again", () => {
    expect(errorOf(() => closePanel("closed", 0)).message).toBe("This panel is closed");
  });
});
