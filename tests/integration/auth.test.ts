import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, sessions } from "#src/db/schema.ts";
import type { Problem } from "../support/api-client.ts";
import { databaseKinds, startTestApp, type TestApp, testPassword } from "../support/test-app.ts";

describe.each(databaseKinds())("sign-in and sessions on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { ROCU_SESSION_IDLE_MINUTES: "30" });
  });
  afterAll(() => t.close());

  it("signs in with a HttpOnly, SameSite=Strict session cookie and audits the sign-in", async () => {
    const user = await t.createUser();
    const client = t.client();
    const response = await client.post<{ user: { email: string } }>("/api/v1/auth/login", {
      email: user.email.toUpperCase(),
      password: testPassword,
    });
    expect(response.status).toBe(200);
    expect(response.body.user.email).toBe(user.email);
    const sessionCookie = response.setCookies.find((cookie) => cookie.startsWith("rocu_session="));
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Strict/i);
    expect((await client.get("/api/v1/me")).status).toBe(200);
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, user.id));
    expect(events.map((event) => event.action)).toContain("auth.login");
  });

  it("stores only a hash of the session id, and gives a new one at every sign-in", async () => {
    const user = await t.createUser();
    const first = t.client();
    await first.post("/api/v1/auth/login", { email: user.email, password: testPassword });
    const second = t.client();
    await second.post("/api/v1/auth/login", { email: user.email, password: testPassword });
    const cookieA = first.cookie("rocu_session");
    const cookieB = second.cookie("rocu_session");
    expect(cookieA).toBeTruthy();
    expect(cookieA).not.toBe(cookieB);
    const stored = await t.database.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.userId, user.id));
    expect(stored).toHaveLength(2);
    expect(stored.map((row) => row.id)).not.toContain(cookieA);
  });

  it("refuses a wrong password with a problem document and audits the failure", async () => {
    const user = await t.createUser();
    const response = await t
      .client()
      .post<Problem>("/api/v1/auth/login", { email: user.email, password: "wrong-password-123" });
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(response.body.detail).toBe("Email or password is incorrect");
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.entityId} = ${user.id} AND ${auditEvents.action} = 'auth.login_failed'`);
    expect(event?.changes).toEqual({ reason: { after: "wrong password" } });
  });

  it("locks an account after repeated failures, even against the right password", async () => {
    const user = await t.createUser();
    const client = t.client();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      statuses.push(
        (await client.post("/api/v1/auth/login", { email: user.email, password: "not-the-password-1" }))
          .status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const locked = await client.post<Problem>("/api/v1/auth/login", {
      email: user.email,
      password: testPassword,
    });
    expect(locked.status).toBe(429);
    expect(locked.body.detail).toMatch(/locked for 15 minutes/);
    expect(locked.headers.get("retry-after")).toBeTruthy();
  });

  it("ends the session on the server at sign-out", async () => {
    const client = await t.signedIn();
    const cookie = client.cookie("rocu_session");
    expect((await client.post("/api/v1/auth/logout")).status).toBe(204);
    const replay = await t.client().get("/api/v1/me", { cookie: `rocu_session=${cookie}` });
    expect(replay.status).toBe(401);
  });

  it("ends a session that has been idle too long", async () => {
    const client = await t.signedIn();
    await t.database.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
      .where(eq(sessions.userId, client.userId));
    expect((await client.get("/api/v1/me")).status).toBe(401);
  });

  it("ends a session at its absolute limit even while it is in use", async () => {
    const client = await t.signedIn();
    await t.database.db
      .update(sessions)
      .set({ createdAt: new Date(Date.now() - 12 * 3_600_000 - 60_000), lastSeenAt: new Date() })
      .where(eq(sessions.userId, client.userId));
    expect((await client.get("/api/v1/me")).status).toBe(401);
  });

  it("refuses a browser change without the CSRF token", async () => {
    const client = await t.signedIn({ roles: ["admin"] });
    const response = await t.client().post<Problem>("/api/v1/auth/logout", undefined, {
      cookie: `rocu_session=${client.cookie("rocu_session")}`,
      "x-csrf-token": "forged",
    });
    expect(response.status).toBe(403);
    expect(response.body.detail).toMatch(/CSRF/);
  });

  it("keeps a user whose password was set by an admin to the change-password step", async () => {
    const client = await t.signedIn({ roles: ["admin"], mustChangePassword: true });
    const blocked = await client.get<Problem>("/api/v1/users");
    expect(blocked.status).toBe(403);
    expect(blocked.body.type).toMatch(/password_change_required$/);
    const common = await client.post<Problem>("/api/v1/me/password", {
      currentPassword: testPassword,
      newPassword: "password1234",
    });
    expect(common.status).toBe(400);
    expect(common.body.errors?.[0]).toEqual({
      field: "newPassword",
      message: "Password is too common: choose another",
    });
    const short = await client.post<Problem>("/api/v1/me/password", {
      currentPassword: testPassword,
      newPassword: "Sh0rt!",
    });
    expect(short.body.errors?.[0]?.message).toMatch(/at least 12 characters/);
    const changed = await client.post("/api/v1/me/password", {
      currentPassword: testPassword,
      newPassword: "a-much-better-passphrase-42",
    });
    expect(changed.status).toBe(204);
    expect((await client.get("/api/v1/users")).status).toBe(200);
  });
});
