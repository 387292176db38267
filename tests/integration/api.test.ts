import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Problem } from "../support/api-client.ts";
import { databaseKinds, startTestApp, type TestApp } from "../support/test-app.ts";

describe.each(databaseKinds())("API behaviour on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { ROCU_BODY_LIMIT_BYTES: "4096" });
  });
  afterAll(() => t.close());

  it("answers health and readiness", async () => {
    expect((await t.client().get("/healthz")).status).toBe(200);
    const ready = await t.client().get<{ status: string; database: string }>("/readyz");
    expect(ready.body).toEqual({ status: "ready", database: kind });
  });

  it("publishes an OpenAPI 3.1 document and a docs page", async () => {
    const document = await t
      .client()
      .get<{ openapi: string; paths: Record<string, unknown> }>("/api/v1/openapi.json");
    expect(document.body.openapi).toBe("3.1.0");
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(["/api/v1/auth/login", "/api/v1/users/{id}", "/api/v1/audit"]),
    );
    const docs = await t.client().get<string>("/api/docs/", { accept: "text/html" });
    expect(docs.status).toBe(200);
  });

  it("answers bad requests with a 4xx problem document, never a 500", async () => {
    const admin = await t.signedIn({ roles: ["admin"], scope: "national", clearance: "SECRET" });
    const cases: [string, () => Promise<{ status: number; body: unknown; headers: Headers }>, number][] = [
      [
        "malformed JSON",
        () => admin.request("POST", "/api/v1/users", "{not json", { "content-type": "application/json" }),
        400,
      ],
      ["wrong types", () => admin.post("/api/v1/users", { email: 42, roles: "admin" }), 400],
      ["oversized body", () => admin.post("/api/v1/users", { name: "x".repeat(10_000) }), 413],
      [
        "wrong content type",
        () =>
          admin.request("POST", "/api/v1/users", "email=a", {
            "content-type": "application/x-www-form-urlencoded",
          }),
        415,
      ],
      ["bad id", () => admin.get("/api/v1/users/not-a-uuid"), 400],
      ["unknown id", () => admin.get("/api/v1/users/00000000-0000-4000-8000-000000000000"), 404],
      ["unknown route", () => admin.get("/api/v1/nothing-here"), 404],
      ["bad date filter", () => admin.get("/api/v1/audit?from=yesterday"), 400],
    ];
    for (const [name, send, status] of cases) {
      const response = await send();
      expect(response.status, name).toBe(status);
      expect(response.headers.get("content-type"), name).toContain("application/problem+json");
      expect((response.body as Problem).detail, name).toBeTruthy();
      expect(JSON.stringify(response.body), name).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it("names the offending query field", async () => {
    const admin = await t.signedIn({ roles: ["admin"], scope: "national", clearance: "SECRET" });
    const response = await admin.get<Problem>("/api/v1/users?pageSize=5000");
    expect(response.body.errors?.[0]?.field).toBe("pageSize");
  });

  it("serves reference data: 43 forces in ten regions with nine ROCUs", async () => {
    const client = await t.signedIn();
    const forces = await client.get<{ items: { id: string; pfaCode: string; regionId: string }[] }>(
      "/api/v1/forces",
    );
    expect(forces.body.items).toHaveLength(43);
    expect(forces.body.items.find((force) => force.id === "west-midlands")).toMatchObject({
      pfaCode: "E23000014",
      regionId: "west-midlands",
    });
    const regions = await client.get<{ items: { rocuCode: string | null }[] }>("/api/v1/regions");
    expect(regions.body.items).toHaveLength(10);
    expect(regions.body.items.filter((region) => region.rocuCode)).toHaveLength(9);
  });
});
