import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens } from "#src/db/schema.ts";
import type { TokenView } from "#src/features/tokens/schema.ts";
import { ApiClient, type Problem } from "../support/api-client.ts";
import { databaseKinds, startTestApp, type TestApp } from "../support/test-app.ts";

describe.each(databaseKinds())("API tokens on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t.close());

  const bearer = (secret: string) => Object.assign(new ApiClient(t.baseUrl), { bearer: secret });

  it("shows the secret once, stores only its hash, and authenticates with it", async () => {
    const user = await t.signedIn({ roles: ["admin"], scope: "national", clearance: "SECRET" });
    const created = await user.post<{ token: TokenView; secret: string }>("/api/v1/tokens", {
      name: "nightly export",
      scopes: ["read", "write"],
      expiresInDays: 30,
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^rocu_/);
    const [stored] = await t.database.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.id, created.body.token.id));
    expect(JSON.stringify(stored)).not.toContain(created.body.secret);
    const listed = await user.get<{ items: TokenView[] }>("/api/v1/tokens");
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
    const me = await bearer(created.body.secret).get<{ email: string }>("/api/v1/me");
    expect(me.body.email).toBe(user.email);
    // A bearer client needs no CSRF token: it is not a browser.
    const write = await bearer(created.body.secret).post("/api/v1/unit-types", {
      code: "TOKEN_TEST",
      name: "Token test",
    });
    expect(write.status).toBe(201);
  });

  it("keeps a read-only token from changing anything", async () => {
    const user = await t.signedIn({ roles: ["admin"], scope: "national", clearance: "SECRET" });
    const { body } = await user.post<{ secret: string }>("/api/v1/tokens", {
      name: "reader",
      scopes: ["read"],
    });
    const client = bearer(body.secret);
    expect((await client.get("/api/v1/users")).status).toBe(200);
    const write = await client.post<Problem>("/api/v1/unit-types", { code: "READ_ONLY", name: "Read only" });
    expect(write.status).toBe(403);
    expect(write.body.detail).toMatch(/write scope/);
  });

  it("stops working when revoked, expired, or its user is disabled", async () => {
    const admin = await t.signedIn({ roles: ["admin"], scope: "national", clearance: "SECRET" });
    const user = await t.signedIn();
    const make = async () =>
      (
        await user.post<{ token: TokenView; secret: string }>("/api/v1/tokens", {
          name: "t",
          scopes: ["read"],
        })
      ).body;
    const revoked = await make();
    expect((await user.delete(`/api/v1/tokens/${revoked.token.id}`)).status).toBe(204);
    expect((await bearer(revoked.secret).get("/api/v1/me")).status).toBe(401);
    const expired = await make();
    await t.database.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, expired.token.id));
    expect((await bearer(expired.secret).get("/api/v1/me")).status).toBe(401);
    const live = await make();
    expect((await bearer(live.secret).get("/api/v1/me")).status).toBe(200);
    await admin.post(`/api/v1/users/${user.userId}/disable`);
    expect((await bearer(live.secret).get("/api/v1/me")).status).toBe(401);
  });

  it("lets an admin create a token for another user, but a plain user cannot even see the other user", async () => {
    const admin = await t.signedIn({ roles: ["admin"], scope: "national", clearance: "SECRET" });
    const other = await t.createUser();
    const byAdmin = await admin.post<{ token: TokenView }>("/api/v1/tokens", {
      name: "for other",
      scopes: ["read"],
      userId: other.id,
    });
    expect(byAdmin.body.token.userId).toBe(other.id);
    const plain = await t.signedIn();
    const refused = await plain.post("/api/v1/tokens", {
      name: "for other",
      scopes: ["read"],
      userId: other.id,
    });
    expect(refused.status).toBe(404);
  });
});
