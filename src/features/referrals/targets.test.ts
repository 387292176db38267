import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { priorityBands } from "./priority.ts";
import { clockState, defaultTriageTargets, triageDue, triageTargets } from "./targets.ts";

const received = new Date("2026-03-06T16:30:00Z"); // a Friday afternoon

describe("triage due dates", () => {
  it("adds each band's target in plain elapsed hours, weekends included", () => {
    expect(triageDue(received, "P1", defaultTriageTargets).toISOString()).toBe("2026-03-07T16:30:00.000Z");
    expect(triageDue(received, "P2", defaultTriageTargets).toISOString()).toBe("2026-03-09T16:30:00.000Z");
    expect(triageDue(received, "P3", defaultTriageTargets).toISOString()).toBe("2026-03-13T16:30:00.000Z");
    // 28 days = 672 hours; the UK clocks change on 29 March, but elapsed time does not.
    expect(triageDue(received, "P4", defaultTriageTargets).toISOString()).toBe("2026-04-03T16:30:00.000Z");
  });

  it("accepts the default targets and refuses a zero target", () => {
    expect(triageTargets.parse(defaultTriageTargets)).toEqual(defaultTriageTargets);
    expect(triageTargets.safeParse({ ...defaultTriageTargets, P2: 0 }).success).toBe(false);
  });
});

describe("the triage clock", () => {
  it("is a quarter used 6 hours into a 24-hour P1 target", () => {
    // 6 / 24 = 0.25; 18 hours = 64,800,000 ms left.
    const state = clockState(received, "P1", defaultTriageTargets, new Date("2026-03-06T22:30:00Z"));
    expect(state).toEqual({
      dueAt: new Date("2026-03-07T16:30:00Z"),
      remainingMs: 18 * 3_600_000,
      overdue: false,
      fractionUsed: 0.25,
    });
  });

  it("is on time at the due moment and overdue a millisecond later", () => {
    const due = triageDue(received, "P2", defaultTriageTargets);
    expect(clockState(received, "P2", defaultTriageTargets, due)).toMatchObject({
      remainingMs: 0,
      overdue: false,
      fractionUsed: 1,
    });
    const late = clockState(received, "P2", defaultTriageTargets, new Date(due.getTime() + 1));
    expect(late).toMatchObject({ remainingMs: -1, overdue: true });
    expect(late.fractionUsed).toBeGreaterThan(1);
  });

  it("has used none of its time when read before the referral was received", () => {
    const early = clockState(received, "P3", defaultTriageTargets, new Date("2026-03-06T16:00:00Z"));
    expect(early.fractionUsed).toBe(0);
    expect(early.overdue).toBe(false);
  });

  it("keeps remaining time and elapsed time adding up to the target", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...priorityBands),
        fc.integer({ min: 0, max: 60 * 24 * 3_600_000 }),
        (band, elapsedMs) => {
          const now = new Date(received.getTime() + elapsedMs);
          const state = clockState(received, band, defaultTriageTargets, now);
          expect(state.remainingMs + elapsedMs).toBe(defaultTriageTargets[band] * 3_600_000);
          expect(state.overdue).toBe(state.fractionUsed > 1);
        },
      ),
    );
  });
});
