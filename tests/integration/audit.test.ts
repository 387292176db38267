import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "#src/audit/audit.ts";
import { queryRows } from "#src/db/database.ts";
import { databaseKinds, startTestApp, type TestApp } from "../support/test-app.ts";

type AuditPage = {
  items: {
    id: number;
    action: string;
    entityId: string;
    actorLabel: string;
    changes: Record<string, unknown>;
  }[];
  total: number;
};

describe.each(databaseKinds())("audit trail on %s", (kind) => {
  let t: TestApp;
  let admin: Awaited<ReturnType<TestApp["signedIn"]>>;
  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.signedIn({
      roles: ["admin"],
      organisationId: "rocuwm",
      scope: "national",
      clearance: "SECRET",
    });
  });
  afterAll(() => t.close());

  it("records who changed what, with before and after, filterable by entity and action", async () => {
    const user = await t.createUser({ roles: ["analyst"] });
    await admin.patch(`/api/v1/users/${user.id}`, { roles: ["analyst", "supervisor"] });
    const page = await admin.get<AuditPage>(`/api/v1/audit?entityId=${user.id}&action=user.update`);
    expect(page.body.total).toBe(1);
    expect(page.body.items[0]).toMatchObject({
      actorLabel: admin.email,
      changes: { roles: { before: ["analyst"], after: ["analyst", "supervisor"] } },
    });
  });

  it("audits who opened a user's record, since it holds personal data", async () => {
    const user = await t.createUser();
    await admin.get(`/api/v1/users/${user.id}`);
    const page = await admin.get<AuditPage>(`/api/v1/audit?entityId=${user.id}&action=user.read`);
    expect(page.body.items.map((event) => event.actorLabel)).toEqual([admin.email]);
  });

  it("writes no event when the change fails", async () => {
    const before = (await admin.get<AuditPage>("/api/v1/audit?action=user.create")).body.total;
    await admin.post("/api/v1/users", {
      email: "bad",
      name: "",
      organisationId: "x",
      roles: [],
      scope: "force",
      clearance: "OFFICIAL",
      password: "",
    });
    expect((await admin.get<AuditPage>("/api/v1/audit?action=user.create")).body.total).toBe(before);
  });

  it("shows a force-scope auditor only events of their force", async () => {
    const forceAdmin = await t.signedIn({
      roles: ["admin"],
      organisationId: "staffordshire",
      scope: "force",
      clearance: "SECRET",
    });
    const other = await t.createUser({ organisationId: "west-midlands" });
    await admin.patch(`/api/v1/users/${other.id}`, { name: "Someone Else" });
    const page = await forceAdmin.get<AuditPage>(`/api/v1/audit?entityId=${other.id}`);
    expect(page.body.total).toBe(0);
    const own = await forceAdmin.get<AuditPage>(`/api/v1/audit?entityId=${forceAdmin.userId}`);
    expect(own.body.items.map((event) => event.action)).toContain("auth.login");
  });

  it("refuses UPDATE and DELETE of audit events in the database itself", async () => {
    const refusal = (error: unknown) => /append-only/.test(String((error as Error).cause ?? error));
    await expect(t.database.db.execute(sql`UPDATE audit_events SET action = 'x'`)).rejects.toSatisfy(refusal);
    await expect(t.database.db.execute(sql`DELETE FROM audit_events`)).rejects.toSatisfy(refusal);
  });

  it("verifies the chain as intact, then names the first event altered behind its back", async () => {
    const intact = await admin.get<{ intact: boolean; checked: number }>("/api/v1/audit/verify");
    expect(intact.body.intact).toBe(true);
    expect(intact.body.checked).toBeGreaterThan(3);
    const [victim] = await queryRows<{ id: number }>(
      t.database.db,
      sql`SELECT id::int AS id FROM audit_events ORDER BY id LIMIT 1 OFFSET 2`,
    );
    // Someone with direct database access gets round the trigger and rewrites history.
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`);
      await tx.execute(sql`UPDATE audit_events SET actor_label = 'someone-else' WHERE id = ${victim?.id}`);
      await tx.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`);
    });
    const broken = await admin.get<{ intact: boolean; brokenEventId: number; reason: string }>(
      "/api/v1/audit/verify",
    );
    expect(broken.body).toMatchObject({ intact: false, brokenEventId: victim?.id });
    expect(broken.body.reason).toMatch(/altered/);
  });

  it("detects an event removed from the middle of the chain", async () => {
    const [victim] = await queryRows<{ id: number }>(
      t.database.db,
      sql`SELECT max(id)::int - 1 AS id FROM audit_events`,
    );
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`);
      await tx.execute(sql`DELETE FROM audit_events WHERE id = ${victim?.id}`);
      await tx.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`);
    });
    const verdict = await verifyAuditChain(t.database.db, 2);
    expect(verdict.intact).toBe(false);
  });
});
