import { describe, expect, it } from "vitest";
import { contactClock, contactTarget } from "./target.ts";

const due = new Date("2026-04-10T12:00:00Z");
const at = (iso: string) => new Date(iso);

describe("the victim-contact target", () => {
  it("has no target when no contact is due (the victim is not vulnerable)", () => {
    expect(contactTarget(null, null, at("2026-04-11T00:00:00Z"))).toBeNull();
    expect(contactTarget(null, at("2026-04-09T00:00:00Z"), at("2026-04-11T00:00:00Z"))).toBeNull();
  });

  it("is met when the victim is contacted by the due moment, exactly at it included", () => {
    expect(contactTarget(due, at("2026-04-09T08:00:00Z"), at("2026-05-01T00:00:00Z"))).toBe("met");
    expect(contactTarget(due, due, at("2026-05-01T00:00:00Z"))).toBe("met");
  });

  it("is missed when contacted a moment late, and stays missed", () => {
    expect(contactTarget(due, at("2026-04-10T12:00:00.001Z"), at("2026-04-10T12:00:01Z"))).toBe("missed");
  });

  it("is pending while nobody has made contact and the due moment has not passed", () => {
    expect(contactTarget(due, null, at("2026-04-10T11:59:59Z"))).toBe("pending");
    expect(contactTarget(due, null, due)).toBe("pending");
  });

  it("is missed once the due moment passes without contact", () => {
    expect(contactTarget(due, null, at("2026-04-10T12:00:00.001Z"))).toBe("missed");
  });
});

describe("the contact clock", () => {
  it("counts whole hours remaining before the due moment", () => {
    expect(contactClock(due, at("2026-04-10T09:30:00Z"))).toEqual({
      overdue: false,
      hoursOverdue: null,
      hoursRemaining: 2,
    });
    expect(contactClock(due, due)).toEqual({ overdue: false, hoursOverdue: null, hoursRemaining: 0 });
  });

  it("counts whole hours overdue, and is overdue from the first moment after the due one", () => {
    expect(contactClock(due, at("2026-04-10T12:00:00.001Z"))).toEqual({
      overdue: true,
      hoursOverdue: 0,
      hoursRemaining: null,
    });
    expect(contactClock(due, at("2026-04-10T13:59:00Z")).hoursOverdue).toBe(1);
    expect(contactClock(due, at("2026-04-12T12:00:00Z")).hoursOverdue).toBe(48);
  });
});
