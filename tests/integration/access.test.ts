import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Permission, roles, rolesWith } from "#src/auth/policy.ts";
import { defaultModelDefinition } from "#src/features/scoring/model.ts";
import type { RecordKind } from "#src/http/types.ts";
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
  record?: RecordKind;
  hasBody: boolean;
}

const sampleOcg = {
  name: "Access Test Group",
  leadForceId: "west-midlands",
  level: "local",
  primaryCrimeType: "drugs-supply",
  classification: "OFFICIAL",
};

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
  "POST /api/v1/crime-types": { code: "access-test", name: "Access test crime" },
  "POST /api/v1/ocgs": sampleOcg,
  "PATCH /api/v1/ocgs/{id}": { name: "Renamed By Access Test" },
  "POST /api/v1/ocgs/{id}/status": { status: "dormant" },
  "POST /api/v1/ocgs/{id}/plan-actions": {
    strand: "pursue",
    description: "Access test action",
    owner: "Access test",
    dueOn: "2030-01-01",
  },
  "PATCH /api/v1/plan-actions/{id}": { status: "done" },
  "POST /api/v1/scoring-models": { name: "Access test model", definition: defaultModelDefinition, notes: "" },
  "POST /api/v1/ocgs/{id}/assessments": { assessedOn: "2025-01-01", ratings: {} },
  "PATCH /api/v1/assessments/{id}": { assessedOn: "2025-01-02" },
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
    // One user per permission, not per route: sign-in is rate limited, and routes keep coming.
    const lackingClients = new Map<Permission, ApiClient>();
    for (const operation of operations) {
      const access = operation.access;
      if (access === "public" || access === "signed-in") continue;
      const lacking = roles.filter((role) => !rolesWith(access).includes(role));
      const client =
        lackingClients.get(access) ??
        (await t.signedIn({ roles: lacking, scope: "national", clearance: "SECRET" }));
      lackingClients.set(access, client);
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
    const ocgAnalyst = await t.signedIn({ roles: ["analyst"], scope: "national", clearance: "SECRET" });
    const ocgIn = async (placement: { organisationId: string; clearance: "OFFICIAL" | "SECRET" }) => {
      const created = await ocgAnalyst.post<{ id: string }>("/api/v1/ocgs", {
        ...sampleOcg,
        leadForceId: placement.organisationId,
        classification: placement.clearance,
      });
      return created.body.id;
    };
    const fixtures = {
      ocg: ocgIn,
      "plan-action": async (placement: { organisationId: string; clearance: "OFFICIAL" | "SECRET" }) => {
        const ocgId = await ocgIn(placement);
        const created = await ocgAnalyst.post<{ id: string }>(
          `/api/v1/ocgs/${ocgId}/plan-actions`,
          sampleBodies["POST /api/v1/ocgs/{id}/plan-actions"],
        );
        return created.body.id;
      },
      // A draft rated in full, so that finalising it in reach succeeds.
      assessment: async (placement: { organisationId: string; clearance: "OFFICIAL" | "SECRET" }) => {
        const ocgId = await ocgIn(placement);
        const ratings = Object.fromEntries(
          defaultModelDefinition.dimensions.map((item) => [item.key, { value: 1, rationale: "Access test" }]),
        );
        const created = await ocgAnalyst.post<{ id: string }>(`/api/v1/ocgs/${ocgId}/assessments`, {
          assessedOn: "2025-01-01",
          ratings,
        });
        return created.body.id;
      },
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
