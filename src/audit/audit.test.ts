import { describe, expect, it } from "vitest";
import { changedFields } from "./audit.ts";

describe("changedFields", () => {
  it("records only fields whose values differ, with before and after", () => {
    const before = { name: "A", roles: ["analyst"], scope: "force" };
    const after = { name: "A", roles: ["analyst", "admin"], scope: "region" };
    expect(changedFields(before, after, ["name", "roles", "scope"])).toEqual({
      roles: { before: ["analyst"], after: ["analyst", "admin"] },
      scope: { before: "force", after: "region" },
    });
  });

  it("records every field as new on creation", () => {
    expect(changedFields(null, { name: "A" }, ["name"])).toEqual({ name: { after: "A" } });
  });
});
