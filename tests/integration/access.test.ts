import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Permission, roles, rolesWith } from "#src/auth/policy.ts";
import type { ApiClient } from "../support/api-client.ts";
import { databaseKinds, startTestApp, type TestApp, testPassword } from "../support/test-app.ts";

/**
 * Reads every route from the OpenAPI document and proves its access rules, so a new route is
 * covered the day it is added: anonymous callers are refused; users without the permission are
 * refused; and records of another force, or above the caller's clearance, can be neither read nor
 * changed — while the same call on a record in reach succeeds, so the refusals are not vacuous.
 */

interface Operation {
  method: string;
  path: string;
  access: "public" | "signed-in" | Permission;
  record?: "user" | "token";
  hasBody: boolean;
}

/** A valid body for each route that takes one: a new route with a body must add its sample here. */
const sampleBodies: Record<string, unknown> = {
  "POST /api/v1/auth/login": { email: "nobody@test.rocu.test", password: "irrelevant-password" },
  "POST /api/v1/me/password": { currentPassword: testPassword, newPassword: "another-long-passphrase-9" },
  "POST /api/v1/users": {
    email: "access-test@test.rocu.test",
    name: "Access Test",
    organisationId: "west-midlands",
    roles: ["analyst"],
    scope: "force",
    clearance: "OFFICIAL",
    password: "a-long-enough-passphrase-1",
  },
  "PATCH /api/v1/users/{id}": { name: "Renamed By Access Test" },
  "POST /api/v1/users/{id}/password": { password: "reset-passphrase-long-2" },
  "POST /api/v1/tokens": { name: "access test", scopes: ["read"], expiresInDays: 1 },
  "POST /api/v1/unit-types": { code: "ACCESS_TEST", name: "Access test unit", description: "" },
};

async function readOperations(t: TestApp): Promise<Operation[]> {
  const document = (
    await t
      .client()
      .get<{ paths: Record<string, Record<string, Record<string, unknown>>> }>("/api/v1/openapi.json")
  ).body;
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      access: operation["x-rocu-access"] as Operation["access"],
      record: operation["x-rocu-record"] as Operation["record"],
      hasBody: operation.requestBody !== undefined,
    })),
  );
}

const key = (operation: Operation) => `${operation.method} ${operation.path}`;

function call(client: ApiClient, operation: Operation, id = "00000000-0000-4000-8000-000000000000") {
  const path = operation.path.replace("{id}", id);
  return client.request(operation.method, path, operation.hasBody ? sampleBodies[key(operation)] : undefined);
}

describe.each(databaseKinds())("access rules of every route on %s", (kind) => {
  let t: TestApp;
  let operations: Operation[];
  beforeAll(async () => {
    t = await startTestApp(kind);
    operations = await readOperations(t);
  });
  afterAll(() => t.close());

  it("publishes access rules for every route, and a sample body for each that takes one", () => {
    expect(operations.length).toBeGreaterThan(15);
    for (const operation of operations) {
      expect(operation.access, key(operation)).toBeDefined();
      if (operation.hasBody)
        expect(sampleBodies[key(operation)], `sample body for ${key(operation)}`).toBeDefined();
    }
  });

  it("refuses anonymous callers on every route that is not public", async () => {
    const anonymous = t.client();
    for (const operation of operations.filter((op) => op.access !== "public")) {
      const response = await call(anonymous, operation);
      expect(response.status, key(operation)).toBe(401);
    }
  });

  it("refuses signed-in users who lack the route's permission", async () => {
    for (const operation of operations) {
      const access = operation.access;
      if (access === "public" || access === "signed-in") continue;
      const lacking = roles.filter((role) => !rolesWith(access).includes(role));
      const client = await t.signedIn({ roles: lacking, scope: "national", clearance: "SECRET" });
      const response = await call(client, operation);
      expect(response.status, key(operation)).toBe(403);
    }
  });

  it("keeps records of another force, or above the caller's clearance, out of reach", async () => {
    // The caller holds every role, but only for West Midlands and only to OFFICIAL-SENSITIVE.
    const caller = await t.signedIn({
      roles: [...roles],
      organisationId: "west-midlands",
      scope: "force",
      clearance: "OFFICIAL-SENSITIVE",
    });
    const fixtures = {
      user: async (placement: { organisationId: string; clearance: "OFFICIAL" | "SECRET" }) =>
        (await t.createUser({ ...placement, roles: ["analyst"] })).id,
      token: async (placement: { organisationId: string; clearance: "OFFICIAL" | "SECRET" }) => {
        const owner = await t.createUser({ ...placement, roles: ["analyst"] });
        const admin = await t.signedIn({ roles: ["admin"], scope: "national", clearance: "SECRET" });
        const created = await admin.post<{ token: { id: string } }>("/api/v1/tokens", {
          name: "fixture",
          scopes: ["read"],
          userId: owner.id,
        });
        return created.body.token.id;
      },
    };
    const recordRoutes = operations.filter((op) => op.record);
    expect(recordRoutes.length).toBeGreaterThan(0);
    for (const operation of recordRoutes) {
      const make = fixtures[operation.record as keyof typeof fixtures];
      expect(make, `fixture for record kind ${operation.record}`).toBeDefined();
      const otherForce = await make({ organisationId: "staffordshire", clearance: "OFFICIAL" });
      const aboveClearance = await make({ organisationId: "west-midlands", clearance: "SECRET" });
      const inReach = await make({ organisationId: "west-midlands", clearance: "OFFICIAL" });
      expect([403, 404], `${key(operation)} on another force's record`).toContain(
        (await call(caller, operation, otherForce)).status,
      );
      expect([403, 404], `${key(operation)} above clearance`).toContain(
        (await call(caller, operation, aboveClearance)).status,
      );
      const allowed = await call(caller, operation, inReach);
      expect(
        allowed.status,
        `${key(operation)} on a record in reach: ${JSON.stringify(allowed.body)}`,
      ).toBeLessThan(300);
    }
  });
});
