import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Problem } from "../support/api-client.ts";
import { databaseKinds, startTestApp, type TestApp } from "../support/test-app.ts";

type Client = Awaited<ReturnType<TestApp["signedIn"]>>;
type Organisation = {
  id: string;
  name: string;
  kind: string;
  forceId: string | null;
  regionId: string | null;
};

const fieldErrors = (problem: Problem) =>
  Object.fromEntries((problem.errors ?? []).map((error) => [error.field, error.message]));

describe.each(databaseKinds())("adding commissioners' offices and partnerships on %s", (kind) => {
  let t: TestApp;
  let admin: Client;
  let finance: Client;

  const organisations = async () =>
    (await admin.get<{ items: Organisation[] }>("/api/v1/organisations")).body.items;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.signedIn({ roles: ["admin"], scope: "national", clearance: "SECRET" });
    finance = await t.signedIn({ roles: ["finance"], scope: "national" });
  });
  afterAll(() => t.close());

  it("adds an office for a force area, in the force's region, and audits it", async () => {
    const created = await admin.post<Organisation>("/api/v1/organisations", {
      name: "  Staffordshire Commissioner's Office ",
      kind: "opcc",
      forceId: "staffordshire",
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: "opcc-staffordshire-commissioner-s-office",
      name: "Staffordshire Commissioner's Office",
      kind: "opcc",
      forceId: "staffordshire",
      regionId: "west-midlands",
    });
    expect((await organisations()).find((organisation) => organisation.id === created.body.id)?.name).toBe(
      "Staffordshire Commissioner's Office",
    );

    const audit = await admin.get<{ items: { action: string; entityId: string }[] }>(
      "/api/v1/audit?entityType=organisation",
    );
    expect(audit.body.items.map((event) => [event.action, event.entityId])).toContainEqual([
      "organisation.create",
      "opcc-staffordshire-commissioner-s-office",
    ]);
  });

  it("refuses a second office for a force area, naming the one it has, and writes nothing", async () => {
    const before = await organisations();
    const refused = await admin.post<Problem>("/api/v1/organisations", {
      name: "Another West Mercia office",
      kind: "opcc",
      forceId: "west-mercia",
    });
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused.body)).toEqual({
      forceId:
        "West Mercia already has a commissioner's office: Office of the Police and Crime Commissioner for West Mercia",
    });
    expect(await organisations()).toEqual(before);
  });

  it("allows several partnerships in one force area but not two with the same name", async () => {
    const welsh = await admin.post<Organisation>("/api/v1/organisations", {
      name: "Partneriaeth Diogelwch Cymunedol Ynys Môn",
      kind: "csp",
      forceId: "north-wales",
    });
    expect(welsh.body.id).toBe("csp-partneriaeth-diogelwch-cymunedol-ynys-mon");
    expect(welsh.body.regionId).toBe("north-west");
    for (const name of ["Solihull Community Safety Partnership", "Walsall Community Safety Partnership"]) {
      expect(
        (await admin.post("/api/v1/organisations", { name, kind: "csp", forceId: "west-midlands" })).status,
      ).toBe(201);
    }
    const again = await admin.post<Problem>("/api/v1/organisations", {
      name: "solihull community safety partnership",
      kind: "csp",
      forceId: "west-midlands",
    });
    expect(again.status).toBe(400);
    expect(fieldErrors(again.body)).toEqual({
      name: "An organisation called Solihull Community Safety Partnership already exists",
    });
  });

  it("names each bad field, and only administrators may add", async () => {
    const bad = await admin.post<Problem>("/api/v1/organisations", {
      name: " ",
      kind: "force",
      forceId: "atlantis",
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(fieldErrors(bad.body)).sort()).toEqual(["kind", "name"]);

    const unknownForce = await admin.post<Problem>("/api/v1/organisations", {
      name: "Atlantis partnership",
      kind: "csp",
      forceId: "atlantis",
    });
    expect(fieldErrors(unknownForce.body)).toEqual({ forceId: "Choose a force area from the list" });

    const denied = await finance.post<Problem>("/api/v1/organisations", {
      name: "Finance's own partnership",
      kind: "csp",
      forceId: "west-midlands",
    });
    expect(denied.status).toBe(403);
    expect((await organisations()).some((organisation) => organisation.name.startsWith("Finance"))).toBe(
      false,
    );
  });
});
