import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Problem } from "../support/api-client.ts";
import { databaseKinds, startTestApp, type TestApp } from "../support/test-app.ts";

type Client = Awaited<ReturnType<TestApp["signedIn"]>>;
type NfibCode = { code: string; name: string; category: string; sortOrder: number; builtIn: boolean };
type AuditPage = {
  items: {
    action: string;
    entityId: string;
    changes: Record<string, { before?: unknown; after?: unknown }>;
  }[];
};

const fields = (problem: Pick<Problem, "errors">) =>
  (problem.errors ?? []).map((error) => error.field).sort();

describe.each(databaseKinds())("the NFIB code list on %s", (kind) => {
  let t: TestApp;
  let analyst: Client;
  let admin: Client;

  const list = async (client: Client, query = "") =>
    (await client.get<{ items: NfibCode[] }>(`/api/v1/nfib-codes${query}`)).body.items;

  beforeAll(async () => {
    t = await startTestApp(kind);
    analyst = await t.signedIn({ roles: ["analyst"], organisationId: "west-midlands" });
    admin = await t.signedIn({ roles: ["admin"], scope: "national", clearance: "SECRET" });
  });
  afterAll(() => t.close());

  it("flags computer misuse codes as cyber-dependent for any signed-in user", async () => {
    const cyberDependent = await list(analyst, "?category=cyber-dependent");
    expect(cyberDependent.map((code) => code.code)).toEqual([
      "NFIB50A",
      "NFIB51A",
      "NFIB51B",
      "NFIB52A",
      "NFIB52B",
      "NFIB52C",
      "NFIB52D",
      "NFIB52E",
    ]);
    expect(cyberDependent[4]).toEqual({
      code: "NFIB52B",
      name: "Hacking - personal",
      category: "cyber-dependent",
      sortOrder: 540,
      builtIn: true,
    });

    const all = await list(analyst);
    expect(all.find((code) => code.code === "NFIB90")?.category).toBe("other");
    expect(all.length).toBeGreaterThan(cyberDependent.length);
    expect((await analyst.get<Problem>("/api/v1/nfib-codes?category=cyber")).status).toBe(400);
  });

  it("lets an admin add a code and re-flag it, with both changes audited", async () => {
    const added = await admin.post<NfibCode>("/api/v1/nfib-codes", {
      code: "nfib3a",
      name: "Online shopping",
      category: "other",
    });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      code: "NFIB3A",
      name: "Online shopping",
      category: "other",
      sortOrder: 999,
      builtIn: false,
    });

    const changed = await admin.patch<NfibCode>("/api/v1/nfib-codes/NFIB3A", {
      name: "Online shopping and auctions",
      category: "cyber-enabled",
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: "Online shopping and auctions", category: "cyber-enabled" });
    expect((await list(analyst, "?category=cyber-enabled")).map((code) => code.code)).toContain("NFIB3A");

    const audit = await admin.get<AuditPage>("/api/v1/audit?entityType=nfib_code&entityId=NFIB3A");
    expect(audit.body.items.map((event) => event.action)).toEqual(["nfib_code.update", "nfib_code.create"]);
    expect(audit.body.items[0]?.changes).toEqual({
      name: { before: "Online shopping", after: "Online shopping and auctions" },
      category: { before: "other", after: "cyber-enabled" },
    });
  });

  it("refuses users who do not maintain reference data", async () => {
    const body = { code: "NFIB4A", name: "Refused", category: "other" };
    expect((await analyst.post("/api/v1/nfib-codes", body)).status).toBe(403);
    expect((await analyst.patch("/api/v1/nfib-codes/NFIB52A", { category: "other" })).status).toBe(403);
    expect((await list(analyst)).find((code) => code.code === "NFIB52A")?.category).toBe("cyber-dependent");
  });

  it("names the fields at fault and writes nothing when the input is bad", async () => {
    const before = await list(admin);

    const badCode = await admin.post<Problem>("/api/v1/nfib-codes", {
      code: "HACK1",
      name: "Bad code",
      category: "other",
    });
    expect(badCode.status).toBe(400);
    expect(fields(badCode.body)).toEqual(["code"]);
    expect(badCode.body.errors?.[0]?.message).toContain("like NFIB3A");

    const duplicate = await admin.post<Problem>("/api/v1/nfib-codes", {
      code: "NFIB52A",
      name: "Another hacking",
      category: "other",
    });
    expect(fields(duplicate.body)).toEqual(["code"]);
    expect(duplicate.body.errors?.[0]?.message).toBe("NFIB code NFIB52A already exists");

    const noNameBadCategory = await admin.post<Problem>("/api/v1/nfib-codes", {
      code: "NFIB4A",
      name: " ",
      category: "cyber",
    });
    expect(fields(noNameBadCategory.body)).toEqual(["category", "name"]);

    expect((await admin.patch<Problem>("/api/v1/nfib-codes/NFIB52A", {})).status).toBe(400);
    expect((await admin.patch<Problem>("/api/v1/nfib-codes/NFIB52A", { code: "NFIB52Z" })).status).toBe(400);
    expect((await admin.patch<Problem>("/api/v1/nfib-codes/NFIB999", { category: "other" })).status).toBe(
      404,
    );

    expect(await list(admin)).toEqual(before);
  });
});
