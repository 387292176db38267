import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserView } from "#src/features/users/schema.ts";
import type { Problem } from "../support/api-client.ts";
import { databaseKinds, startTestApp, type TestApp, testPassword } from "../support/test-app.ts";

type Page = { items: UserView[]; total: number; page: number; pageSize: number };

const newUser = (email: string) => ({
  email,
  name: "Priya Analyst",
  organisationId: "west-mercia",
  roles: ["analyst", "investigator"],
  scope: "force",
  clearance: "OFFICIAL-SENSITIVE",
  password: "first-password-for-p-1",
});

describe.each(databaseKinds())("user administration on %s", (kind) => {
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

  it("creates a user who must change the password at first sign-in", async () => {
    const created = await admin.post<UserView>("/api/v1/users", newUser("priya@westmercia.test"));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      forceId: "west-mercia",
      regionId: "west-midlands",
      mustChangePassword: true,
      disabled: false,
    });
    const priya = t.client();
    await priya.post("/api/v1/auth/login", {
      email: "priya@westmercia.test",
      password: "first-password-for-p-1",
    });
    const me = await priya.get<{ mustChangePassword: boolean }>("/api/v1/me");
    expect(me.body.mustChangePassword).toBe(true);
  });

  it("explains every invalid field, refuses unknown fields, and writes nothing", async () => {
    const before = await admin.get<Page>("/api/v1/users");
    const response = await admin.post<Problem>("/api/v1/users", {
      ...newUser("not-an-email"),
      roles: [],
      nickname: "x",
    });
    expect(response.status).toBe(400);
    const fields = response.body.errors?.map((error) => error.field) ?? [];
    expect(fields).toEqual(expect.arrayContaining(["email", "roles", "nickname"]));
    const after = await admin.get<Page>("/api/v1/users");
    expect(after.body.total).toBe(before.body.total);
  });

  it("refuses a duplicate email, a common password and a scope that does not fit the organisation", async () => {
    await admin.post("/api/v1/users", newUser("dup@test.rocu.test"));
    const duplicate = await admin.post<Problem>("/api/v1/users", newUser("DUP@test.rocu.test"));
    expect(duplicate.body.errors).toEqual([
      { field: "email", message: "A user with this email already exists" },
    ]);
    const common = await admin.post<Problem>("/api/v1/users", {
      ...newUser("c@test.rocu.test"),
      password: "qwerty123456",
    });
    expect(common.body.errors?.[0]?.field).toBe("password");
    const scope = await admin.post<Problem>("/api/v1/users", {
      ...newUser("s@test.rocu.test"),
      organisationId: "nca",
    });
    expect(scope.body.errors?.[0]?.field).toBe("scope");
  });

  it("filters, sorts and pages the list in the database", async () => {
    for (const name of ["Zed Finance", "Amy Finance", "Bob Finance"]) {
      await admin.post("/api/v1/users", {
        ...newUser(`${name.split(" ")[0]?.toLowerCase()}@fin.test`),
        name,
        roles: ["finance"],
      });
    }
    const page = await admin.get<Page>("/api/v1/users?role=finance&sort=-name&pageSize=2&page=1");
    expect(page.body.total).toBe(3);
    expect(page.body.items.map((user) => user.name)).toEqual(["Zed Finance", "Bob Finance"]);
    const second = await admin.get<Page>("/api/v1/users?role=finance&sort=-name&pageSize=2&page=2");
    expect(second.body.items.map((user) => user.name)).toEqual(["Amy Finance"]);
    const search = await admin.get<Page>("/api/v1/users?q=amy");
    expect(search.body.items.map((user) => user.email)).toEqual(["amy@fin.test"]);
    const bad = await admin.get<Problem>("/api/v1/users?sort=password");
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.field).toBe("sort");
  });

  it("shows a force-scope admin only their own force's users", async () => {
    const forceAdmin = await t.signedIn({
      roles: ["admin"],
      organisationId: "staffordshire",
      scope: "force",
      clearance: "SECRET",
    });
    const list = await forceAdmin.get<Page>("/api/v1/users?pageSize=200");
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(new Set(list.body.items.map((user) => user.forceId))).toEqual(new Set(["staffordshire"]));
    const elsewhere = await forceAdmin.post<Problem>("/api/v1/users", newUser("x@elsewhere.test"));
    expect(elsewhere.status).toBe(403);
  });

  it("does not let an admin grant a clearance above their own", async () => {
    const officialAdmin = await t.signedIn({
      roles: ["admin"],
      organisationId: "rocuwm",
      scope: "national",
      clearance: "OFFICIAL",
    });
    const response = await officialAdmin.post<Problem>("/api/v1/users", {
      ...newUser("secret@test.rocu.test"),
      clearance: "SECRET",
    });
    expect(response.status).toBe(403);
  });

  it("edits a user and ends a disabled user's sessions at once", async () => {
    const victim = await t.signedIn({ organisationId: "west-midlands" });
    const edited = await admin.patch<UserView>(`/api/v1/users/${victim.userId}`, {
      roles: ["supervisor"],
      name: "Renamed",
    });
    expect(edited.body).toMatchObject({ roles: ["supervisor"], name: "Renamed" });
    expect((await victim.get("/api/v1/me")).status).toBe(200);
    const disabled = await admin.post<UserView>(`/api/v1/users/${victim.userId}/disable`);
    expect(disabled.body.disabled).toBe(true);
    expect((await victim.get("/api/v1/me")).status).toBe(401);
    const again = await t
      .client()
      .post<Problem>("/api/v1/auth/login", { email: victim.email, password: testPassword });
    expect(again.status).toBe(401);
    const enabled = await admin.post<UserView>(`/api/v1/users/${victim.userId}/enable`);
    expect(enabled.body.disabled).toBe(false);
    expect(
      (await t.client().post("/api/v1/auth/login", { email: victim.email, password: testPassword })).status,
    ).toBe(200);
  });

  it("refuses to let an admin disable their own account", async () => {
    const response = await admin.post<Problem>(`/api/v1/users/${admin.userId}/disable`);
    expect(response.status).toBe(409);
  });

  it("resets a password, ending the user's sessions and requiring a change", async () => {
    const user = await t.signedIn();
    expect(
      (await admin.post(`/api/v1/users/${user.userId}/password`, { password: "temporary-passphrase-55" }))
        .status,
    ).toBe(204);
    expect((await user.get("/api/v1/me")).status).toBe(401);
    const fresh = t.client();
    await fresh.post("/api/v1/auth/login", { email: user.email, password: "temporary-passphrase-55" });
    expect((await fresh.get<{ mustChangePassword: boolean }>("/api/v1/me")).body.mustChangePassword).toBe(
      true,
    );
  });
});
