import { and, asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Classification } from "#src/auth/policy.ts";
import { auditEvents, ocgAssessments, ocgs } from "#src/db/schema.ts";
import { defaultModelDefinition, type ModelDefinition } from "#src/features/scoring/model.ts";
import type { AssessmentView, ScoringModelView } from "#src/features/scoring/schema.ts";
import type { ApiClient, Problem } from "../support/api-client.ts";
import { databaseKinds, startTestApp, type TestApp } from "../support/test-app.ts";

type Client = ApiClient & { userId: string };
type History = { items: (AssessmentView & { changes: Record<string, unknown> | null })[] };
type PriorityList = {
  items: {
    rank: number | null;
    ocg: { reference: string };
    score: number | null;
    band: string | null;
    modelVersion: number | null;
    rankUnderComparison: number | null;
    scoreUnderComparison: number | null;
    bandUnderComparison: string | null;
    movement: number | null;
    missing: string[];
  }[];
  total: number;
  comparisonModel: { version: number } | null;
};

const withRationale = (values: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, { value, rationale: `Intelligence on ${key}` }]),
  );

/** The worked example of docs/scoring-model.md: 34.28, Medium. */
const firstRatings = {
  physical: 3,
  psychological: 2,
  financial: 3,
  community: 4,
  environmental: 0,
  "victim-vulnerability": 3,
  "geographic-scope": 2,
  likelihood: 3,
  confidence: 1,
  capacity: 2,
  capability: 3,
};
/**
 * harm (2×4 + 2 + 3 + 4 + 1) / 6 = 3 of 4 → 0.75; vulnerability 4 → 1, scope 2 → 0.5:
 * uplift (1 + 0.5 + 0.25) / 2 = 0.875; impact 0.65625; likelihood 4 → 1; confidence high → 1
 * → 65.625 → 65.63, High.
 */
const reassessedRatings = {
  ...firstRatings,
  physical: 4,
  environmental: 1,
  "victim-vulnerability": 4,
  likelihood: 4,
  confidence: 2,
};
/**
 * Financial 4, scope 4, likelihood 4, confidence high, everything else 0. Under version 1:
 * harm 4/6 of 4 → 1/6; uplift (1 + 0 + 0.5) / 2 = 0.75; 100 × 1/6 × 0.75 = 12.50, Low.
 */
const financialRatings = {
  physical: 0,
  psychological: 0,
  financial: 4,
  community: 0,
  environmental: 0,
  "victim-vulnerability": 0,
  "geographic-scope": 4,
  likelihood: 4,
  confidence: 2,
  capacity: 4,
  capability: 4,
};

/**
 * Version 2 for the comparison: harm is financial harm and corruption (a new dimension nobody has
 * rated yet), with higher band thresholds. The first group: harm 0.75 (corruption missing), uplift
 * 0.875 → 65.63, Medium; the financial group: harm 1, uplift (1 + 0 + 0.5) / 2 = 0.75 → 75.00, High.
 */
const versionTwo: ModelDefinition = {
  ...defaultModelDefinition,
  dimensions: [
    ...defaultModelDefinition.dimensions.filter((item) => item.group !== "harm" || item.key === "financial"),
    {
      key: "corruption",
      label: "Corruption",
      group: "harm",
      description: "Corruption of public officials and institutions.",
      weight: 1,
      scale: [
        { value: 0, label: "None", description: "" },
        { value: 1, label: "Some", description: "" },
      ],
    },
  ],
  bands: [
    { band: "High", minScore: 70 },
    { band: "Medium", minScore: 40 },
    { band: "Low", minScore: 0 },
  ],
};

describe.each(databaseKinds())("threat, risk and harm scoring on %s", (kind) => {
  let t: TestApp;
  let analyst: Client;
  let supervisor: Client;
  let groupId: string;
  let firstId: string;
  let reassessmentId: string;

  let ocgNumber = 9000;
  async function insertOcg(
    placement: Partial<{
      forceId: string;
      classification: Classification;
      forcesAffected: string[];
      status: "active" | "archived";
    }> = {},
  ): Promise<string> {
    ocgNumber += 1;
    const status = placement.status ?? "active";
    const [row] = await t.database.db
      .insert(ocgs)
      .values({
        reference: `WM-OCG-${ocgNumber}`,
        name: `Test group ${ocgNumber}`,
        aliases: [],
        status,
        archiveReason: status === "archived" ? "disbanded" : null,
        forceId: placement.forceId ?? "west-midlands",
        regionId: "west-midlands",
        level: "regional",
        primaryCrimeType: "drugs-supply",
        secondaryCrimeTypes: ["firearms"],
        forcesAffected: placement.forcesAffected ?? [],
        areasAffected: "",
        classification: placement.classification ?? "OFFICIAL-SENSITIVE",
        createdBy: analyst.userId,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    return row.id;
  }

  async function finalAssessment(ocgId: string, values: Record<string, number>): Promise<AssessmentView> {
    const draft = await analyst.post<AssessmentView>(`/api/v1/ocgs/${ocgId}/assessments`, {
      assessedOn: "2025-01-15",
      ratings: withRationale(values),
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const final = await analyst.post<AssessmentView>(`/api/v1/assessments/${draft.body.id}/finalise`);
    expect(final.status, JSON.stringify(final.body)).toBe(200);
    return final.body;
  }

  const assessmentCount = async (ocgId: string) =>
    Number(
      (
        await t.database.db.select({ n: count() }).from(ocgAssessments).where(eq(ocgAssessments.ocgId, ocgId))
      )[0]?.n ?? 0,
    );

  beforeAll(async () => {
    t = await startTestApp(kind);
    analyst = await t.signedIn({ roles: ["analyst"], organisationId: "west-midlands", scope: "force" });
    supervisor = await t.signedIn({
      roles: ["supervisor"],
      organisationId: "rocuwm",
      scope: "region",
      clearance: "SECRET",
    });
    groupId = await insertOcg();
  });
  afterAll(() => t.close());

  it("ships version 1 of the default model, in force", async () => {
    const list = await analyst.get<{ items: ScoringModelView[] }>("/api/v1/scoring-models");
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      version: 1,
      name: "Default MoRiLE-style model",
      status: "active",
      definition: defaultModelDefinition,
    });
  });

  it("scores a draft as the worked example, and audits it with the OCG's id", async () => {
    const created = await analyst.post<AssessmentView>(`/api/v1/ocgs/${groupId}/assessments`, {
      assessedOn: "2025-01-10",
      ratings: withRationale(firstRatings),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      ocgId: groupId,
      modelVersion: 1,
      status: "draft",
      score: 34.28,
      band: "Medium",
      forceId: "west-midlands",
      regionId: "west-midlands",
      classification: "OFFICIAL-SENSITIVE",
      missing: [],
      finalisedAt: null,
    });
    expect(created.body.breakdown.groups["organisational-position"]).toMatchObject({
      level: 0.625,
      inScore: false,
    });
    firstId = created.body.id;
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "ocg_assessment"), eq(auditEvents.entityId, firstId)));
    expect(events.map((event) => event.action)).toEqual(["ocg_assessment.create"]);
    expect(events[0]?.changes.ocgId).toEqual({ after: groupId });
  });

  it("edits a draft, refuses to finalise it incomplete, then finalises it", async () => {
    const { capability: _, ...incomplete } = withRationale(firstRatings);
    const edited = await analyst.patch<AssessmentView>(`/api/v1/assessments/${firstId}`, {
      ratings: { ...incomplete, physical: { value: 3, rationale: "" } },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.missing).toEqual(["capability"]);
    const refused = await analyst.post<Problem>(`/api/v1/assessments/${firstId}/finalise`);
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.map((error) => error.field)).toEqual([
      "ratings.physical.rationale",
      "ratings.capability.value",
    ]);
    await analyst.patch(`/api/v1/assessments/${firstId}`, { ratings: withRationale(firstRatings) });
    const final = await analyst.post<AssessmentView>(`/api/v1/assessments/${firstId}/finalise`);
    expect(final.status).toBe(200);
    expect(final.body).toMatchObject({ status: "final", score: 34.28, band: "Medium" });
    expect(final.body.finalisedAt).not.toBeNull();
  });

  it("never edits a final assessment, through the API or in the database", async () => {
    const edit = await analyst.patch<Problem>(`/api/v1/assessments/${firstId}`, { assessedOn: "2025-01-11" });
    expect(edit.status).toBe(409);
    expect(edit.body.detail).toBe("final assessments are never edited: start a re-assessment");
    expect((await analyst.post<Problem>(`/api/v1/assessments/${firstId}/finalise`)).status).toBe(409);
    await expect(
      t.database.db.update(ocgAssessments).set({ band: "Low" }).where(eq(ocgAssessments.id, firstId)),
    ).rejects.toThrow();
    await expect(
      t.database.db.delete(ocgAssessments).where(eq(ocgAssessments.id, firstId)),
    ).rejects.toThrow();
  });

  it("shows what a re-assessment changed", async () => {
    const second = await finalAssessment(groupId, reassessedRatings);
    reassessmentId = second.id;
    expect(second).toMatchObject({ score: 65.63, band: "High" });
    const draft = await analyst.post<AssessmentView>(`/api/v1/ocgs/${groupId}/assessments`, {
      assessedOn: "2025-01-20",
      ratings: {},
    });
    const history = await analyst.get<History>(`/api/v1/ocgs/${groupId}/assessments`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((item) => item.id)).toEqual([draft.body.id, reassessmentId, firstId]);
    expect(history.body.items.map((item) => item.changes === null)).toEqual([true, false, true]);
    expect(history.body.items[1]?.changes).toEqual({
      previousAssessmentId: firstId,
      previousScore: 34.28,
      scoreDelta: 31.35,
      bandChange: { from: "Medium", to: "High" },
      modelChanged: false,
      changedDimensions: [
        {
          key: "physical",
          label: "Physical harm",
          from: { value: 3, label: "Substantial" },
          to: { value: 4, label: "Critical" },
        },
        {
          key: "environmental",
          label: "Environmental harm",
          from: { value: 0, label: "None" },
          to: { value: 1, label: "Low" },
        },
        {
          key: "victim-vulnerability",
          label: "Victim vulnerability",
          from: { value: 3, label: "High" },
          to: { value: 4, label: "Extreme" },
        },
        {
          key: "likelihood",
          label: "Likelihood",
          from: { value: 3, label: "Likely" },
          to: { value: 4, label: "Almost certain" },
        },
        {
          key: "confidence",
          label: "Confidence",
          from: { value: 1, label: "Medium" },
          to: { value: 2, label: "High" },
        },
      ],
    });
  });

  it("names the field of each bad rating and writes nothing", async () => {
    const before = await assessmentCount(groupId);
    const offScale = await analyst.post<Problem>(`/api/v1/ocgs/${groupId}/assessments`, {
      assessedOn: "2025-01-10",
      ratings: { physical: { value: 9, rationale: "" }, typo: { value: 1, rationale: "" } },
    });
    expect(offScale.status).toBe(400);
    expect(offScale.body.errors?.map((error) => error.field)).toEqual([
      "ratings.typo",
      "ratings.physical.value",
    ]);
    const malformed = await analyst.post<Problem>(`/api/v1/ocgs/${groupId}/assessments`, {
      assessedOn: "2999-01-01",
      ratings: { physical: { value: 1.5 } },
      extra: true,
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors?.map((error) => error.field)).toEqual(
      expect.arrayContaining(["assessedOn", "ratings.physical.value", "extra"]),
    );
    expect(await assessmentCount(groupId)).toBe(before);
  });

  it("keeps assessing to those who may, on groups they can see", async () => {
    const otherForce = await t.signedIn({
      roles: ["analyst"],
      organisationId: "staffordshire",
      scope: "force",
    });
    const body = { assessedOn: "2025-01-10", ratings: {} };
    expect((await otherForce.post(`/api/v1/ocgs/${groupId}/assessments`, body)).status).toBe(404);
    expect((await otherForce.get(`/api/v1/assessments/${firstId}`)).status).toBe(404);
    expect((await otherForce.get(`/api/v1/ocgs/${groupId}/assessments`)).status).toBe(404);
    const board = await t.signedIn({ roles: ["board"], organisationId: "west-midlands", scope: "force" });
    expect((await board.post(`/api/v1/ocgs/${groupId}/assessments`, body)).status).toBe(403);
    const investigator = await t.signedIn({
      roles: ["investigator"],
      organisationId: "west-midlands",
      scope: "force",
    });
    expect((await investigator.post(`/api/v1/ocgs/${groupId}/assessments`, body)).status).toBe(403);
    expect((await investigator.get(`/api/v1/assessments/${firstId}`)).status).toBe(200);
    // A Staffordshire group that affects West Midlands is theirs to see and assess too.
    const shared = await insertOcg({ forceId: "staffordshire", forcesAffected: ["west-midlands"] });
    expect((await analyst.post(`/api/v1/ocgs/${shared}/assessments`, body)).status).toBe(201);
    const secret = await insertOcg({ classification: "SECRET" });
    expect((await analyst.post(`/api/v1/ocgs/${secret}/assessments`, body)).status).toBe(404);
    const archived = await insertOcg({ status: "archived" });
    expect((await analyst.post(`/api/v1/ocgs/${archived}/assessments`, body)).status).toBe(409);
  });

  it("ranks the priority list by latest final score, and side by side under a draft version 2", async () => {
    const financialGroup = await insertOcg();
    await finalAssessment(financialGroup, financialRatings);
    await insertOcg({ forceId: "staffordshire" });
    const references = async (path: string) => {
      const response = await analyst.get<PriorityList>(path);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body;
    };
    const list = await references("/api/v1/priority-list?pageSize=200");
    const ranked = list.items.filter((item) => item.rank !== null);
    expect(ranked.map((item) => [item.rank, item.score, item.band, item.modelVersion])).toEqual([
      [1, 65.63, "High", 1],
      [2, 12.5, "Low", 1],
    ]);
    // Groups never finally assessed follow, unranked; Staffordshire's own group is out of sight.
    expect(list.items.slice(2).every((item) => item.rank === null && item.score === null)).toBe(true);
    expect(list.total).toBe(list.items.length);
    const highOnly = await references("/api/v1/priority-list?band=High");
    expect(highOnly.items.map((item) => item.rank)).toEqual([1]);
    const lowOnly = await references("/api/v1/priority-list?band=Low");
    expect(lowOnly.items.map((item) => item.rank)).toEqual([2]);

    const v2 = await supervisor.post<ScoringModelView>("/api/v1/scoring-models", {
      name: "Version 2 with corruption",
      definition: versionTwo,
      notes: "Trial",
    });
    expect(v2.status, JSON.stringify(v2.body)).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, status: "draft" });
    const compared = await references(`/api/v1/priority-list?compareModelId=${v2.body.id}&pageSize=200`);
    expect(compared.comparisonModel).toMatchObject({ version: 2 });
    expect(
      compared.items
        .filter((item) => item.rank !== null)
        .map((item) => [
          item.rank,
          item.rankUnderComparison,
          item.scoreUnderComparison,
          item.bandUnderComparison,
          item.movement,
          item.missing,
        ]),
    ).toEqual([
      [1, 2, 65.63, "Medium", -1, ["corruption"]],
      [2, 1, 75, "High", 1, ["corruption"]],
    ]);
  });

  it("adds model versions only for scoring managers, validates them, and activating one retires the other", async () => {
    expect((await analyst.post("/api/v1/scoring-models", { name: "x", definition: versionTwo })).status).toBe(
      403,
    );
    const invalid = await supervisor.post<Problem>("/api/v1/scoring-models", {
      name: "Broken",
      definition: { ...versionTwo, bands: [{ band: "Low", minScore: 10 }] },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors?.map((error) => error.field)).toEqual(["definition.bands.0.minScore"]);

    const models = await analyst.get<{ items: ScoringModelView[] }>("/api/v1/scoring-models");
    const [v2, v1] = models.body.items;
    // A draft under version 1, overtaken by version 2 before it is finalised.
    const pending = await analyst.post<AssessmentView>(`/api/v1/ocgs/${groupId}/assessments`, {
      assessedOn: "2025-02-01",
      ratings: withRationale(firstRatings),
    });
    const activated = await supervisor.post<ScoringModelView>(`/api/v1/scoring-models/${v2?.id}/activate`);
    expect(activated.status).toBe(200);
    expect(activated.body.status).toBe("active");
    const after = await analyst.get<{ items: ScoringModelView[] }>("/api/v1/scoring-models");
    expect(after.body.items.map((model) => [model.version, model.status])).toEqual([
      [2, "active"],
      [1, "retired"],
    ]);
    expect((await analyst.post<Problem>(`/api/v1/assessments/${pending.body.id}/finalise`)).status).toBe(409);
    const retired = await analyst.post<Problem>(`/api/v1/ocgs/${groupId}/assessments`, {
      modelId: v1?.id,
      assessedOn: "2025-02-01",
      ratings: {},
    });
    expect(retired.body.errors?.map((error) => error.field)).toEqual(["modelId"]);
    const underV2 = await analyst.post<AssessmentView>(`/api/v1/ocgs/${groupId}/assessments`, {
      assessedOn: "2025-02-01",
      ratings: {},
    });
    expect(underV2.body.modelVersion).toBe(2);
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityType, "scoring_model"))
      .orderBy(asc(auditEvents.id));
    expect(events.map((event) => event.action)).toEqual([
      "scoring_model.create",
      "scoring_model.retire",
      "scoring_model.activate",
    ]);
  });
});
