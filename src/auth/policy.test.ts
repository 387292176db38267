import { describe, expect, it } from "vitest";
import { type Actor, can, canSee, type OwnedRecord } from "./policy.ts";

const actor = (overrides: Partial<Actor>): Actor => ({
  id: "a",
  name: "A",
  email: "a@test",
  organisationId: "west-midlands",
  forceId: "west-midlands",
  regionId: "west-midlands",
  roles: ["admin"],
  scope: "force",
  clearance: "OFFICIAL-SENSITIVE",
  mustChangePassword: false,
  tokenScopes: null,
  ...overrides,
});
const record = (overrides: Partial<OwnedRecord>): OwnedRecord => ({
  forceId: "west-midlands",
  regionId: "west-midlands",
  classification: "OFFICIAL",
  ...overrides,
});

describe("can", () => {
  it("needs a role that holds the permission", () => {
    expect(can(actor({ roles: ["admin"] }), "users.manage")).toBe(true);
    expect(can(actor({ roles: ["analyst", "board"] }), "users.manage")).toBe(false);
  });

  it("limits own-force scope to the force's records", () => {
    expect(can(actor({}), "users.read", record({}))).toBe(true);
    expect(can(actor({}), "users.read", record({ forceId: "staffordshire" }))).toBe(false);
  });

  it("lets regional scope see every force in the region, and no other region", () => {
    const regional = actor({ scope: "region", forceId: null, organisationId: "rocuwm" });
    expect(canSee(regional, record({ forceId: "staffordshire" }))).toBe(true);
    expect(canSee(regional, record({ forceId: "kent", regionId: "eastern" }))).toBe(false);
  });

  it("lets national scope see everything it is cleared for", () => {
    const national = actor({ scope: "national", forceId: null, regionId: null, clearance: "SECRET" });
    expect(canSee(national, record({ forceId: null, regionId: null, classification: "SECRET" }))).toBe(true);
  });

  it("never shows a record above the actor's clearance, whatever the scope", () => {
    const national = actor({ scope: "national", clearance: "OFFICIAL-SENSITIVE" });
    expect(canSee(national, record({ classification: "SECRET" }))).toBe(false);
    expect(canSee(national, record({ classification: "OFFICIAL-SENSITIVE" }))).toBe(true);
  });

  it("keeps records with no force from force-scope users", () => {
    expect(canSee(actor({}), record({ forceId: null }))).toBe(false);
  });
});

describe("records shared with other forces", () => {
  it("shows an OCG led by another force to the forces it affects, and to no others", () => {
    const shared = record({ forceId: "staffordshire", sharedWithForces: ["west-midlands"] });
    expect(canSee(actor({}), shared)).toBe(true);
    expect(canSee(actor({ forceId: "west-mercia" }), shared)).toBe(false);
  });
});
