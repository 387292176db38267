import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Permission, roles, rolesWith } from "#src/auth/policy.ts";
import { organisations } from "#src/db/schema.ts";
import { defaultTriageSettings } from "#src/features/referrals/settings.ts";
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
  "POST /api/v1/organisations": { name: "Access test partnership", kind: "csp", forceId: "staffordshire" },
  "POST /api/v1/unit-types": { code: "ACCESS_TEST", name: "Access test unit", description: "" },
  "POST /api/v1/crime-types": { code: "access-test", name: "Access test crime" },
  "POST /api/v1/nfib-codes": { code: "NFIB999Z", name: "Access test code", category: "other" },
  "PATCH /api/v1/nfib-codes/{code}": { name: "Renamed by the access test" },
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
  "POST /api/v1/imports/ocgs": {
    csv: "name,leadForce,level,primaryCrimeType,classification\nAccess Test Group,West Midlands,local,drugs-supply,OFFICIAL\n",
    mode: "check",
  },
  "POST /api/v1/imports/disruptions": {
    csv: "ocg,disruptedOn,claimedGrade,strand,narrative,classification\nWM-OCG-0001,2025-01-01,minor,pursue,Access test,OFFICIAL\n",
    mode: "check",
  },
  "POST /api/v1/imports/outcomes": {
    csv: "kind,operation,ocg,occurredOn,quantity\narrest,ACCESS TEST,WM-OCG-0001,2025-01-01,1\n",
    mode: "check",
  },
  "POST /api/v1/operations": {
    codeName: "ACCESS TEST",
    leadOrganisationId: "rocuwm",
    hostForceId: "west-midlands",
    level: "regional",
    targetOcgIds: ["00000000-0000-4000-8000-000000000000"],
    classification: "OFFICIAL",
  },
  "PATCH /api/v1/operations/{id}": { level: "local" },
  "POST /api/v1/operations/{id}/status": { status: "active" },
  "POST /api/v1/disruptions": {
    ocgId: "00000000-0000-4000-8000-000000000000",
    disruptedOn: "2005-06-15",
    claimedGrade: "minor",
    strand: "pursue",
    narrative: "Access test disruption",
    classification: "OFFICIAL",
  },
  "PATCH /api/v1/disruptions/{id}": { narrative: "Changed by the access test" },
  "POST /api/v1/disruptions/{id}/decision": { decision: "accepted" },
  "POST /api/v1/panels": {
    regionId: "west-midlands",
    periodMonth: "1999-01",
    heldOn: "1999-02-10",
    chairUserId: "00000000-0000-4000-8000-000000000000",
  },
  "PATCH /api/v1/panels/{id}": { attendees: ["Access test attendee"] },
  "POST /api/v1/outcomes": {
    operationId: "00000000-0000-4000-8000-000000000000",
    ocgId: "00000000-0000-4000-8000-000000000000",
    kind: "arrest",
    occurredOn: "2025-01-01",
    quantity: 1,
    classification: "OFFICIAL",
  },
  "PATCH /api/v1/outcomes/{id}": { notes: "Changed by the access test" },
  "POST /api/v1/referrals": {
    crimeReference: "NFRC-ACCESS-TEST",
    source: "action-fraud",
    forceId: "west-midlands",
    reportedOn: "2025-01-01",
    nfibCode: "NFIB52B",
    summary: "Access test referral",
    victimType: "individual",
    victimAgeBand: "45-54",
    contactPreference: "email",
    vulnerability: "none",
    harmOngoing: false,
    lossPounds: 0,
    classification: "OFFICIAL",
  },
  "POST /api/v1/referrals/{id}/triage": { outcome: "victim-care-only", reason: "Access test" },
  "POST /api/v1/referrals/{id}/reallocation": {
    outcome: "allocated",
    allocatedUnit: "ecu",
    reason: "Access test",
  },
  "PUT /api/v1/triage-settings": defaultTriageSettings,
  // The file itself is the body (text/csv); only the refusals before it is read are tried here.
  "POST /api/v1/referral-imports":
    "crime_reference,source,force,reported_on,nfib_code,summary,victim_type,victim_age_band,victim_name,victim_email,contact_preference,vulnerability,harm_ongoing,loss_pounds\n",
  // The attempt time defaults to now, which is never before a fixture referral was received.
  "POST /api/v1/referrals/{id}/contacts": { channel: "phone", outcome: "no-answer" },
  "POST /api/v1/protect-advice": {
    slug: "access-test",
    title: "Access test advice",
    audience: "everyone",
    body: "Access test",
  },
  "POST /api/v1/protect-advice/{slug}/versions": {
    title: "Access test advice",
    audience: "everyone",
    body: "Access test, version 2",
  },
  "POST /api/v1/cyber-choices": {
    forceId: "west-midlands",
    referredOn: "2025-01-01",
    source: "school",
    subjectLabel: "A.T.",
    age: 15,
    concerns: "Access test",
    safeguardingChecked: true,
    consentObtained: true,
    reviewOn: "2025-04-01",
    classification: "OFFICIAL",
  },
  "PATCH /api/v1/cyber-choices/{id}": { interventionPlan: "Changed by the access test" },
  "POST /api/v1/funding/formulas": {
    name: "Access test formula",
    scopeDescription: "Access test",
    ownerOrganisationId: "west-midlands",
    financialYear: "2018/19",
    decisionReference: "Access test decision",
    parts: [{ partyOrganisationId: "west-midlands", shareBasisPoints: 10_000 }],
  },
  // Fixture formulas have shares for 2018/19 only, so the next year is free.
  "POST /api/v1/funding/formulas/{id}/versions": {
    financialYear: "2019/20",
    decisionReference: "Access test decision",
  },
  "POST /api/v1/funding/formulas/{id}/split": { amountPence: 100_000 },
  "POST /api/v1/funding/streams": {
    source: "pcc-fund",
    name: "Access test stream",
    recipientOrganisationId: "west-midlands",
    amounts: [{ financialYear: "2018/19", amountPence: 100_000 }],
  },
  "PATCH /api/v1/funding/streams/{id}": { notes: "Changed by the access test" },
  // Fixture streams have money in 2018/19.
  "POST /api/v1/funding/streams/{id}/spend": {
    lines: [{ month: "2018-05", category: "staff", amountPence: 100_000 }],
  },
  "POST /api/v1/funding/bids": {
    title: "Access test bid",
    purpose: "Access test",
    strand: "prevent",
    crimeArea: "rural",
    forceAreas: ["west-midlands"],
    costs: [{ financialYear: "2018/19", category: "staff", amountPence: 100_000 }],
  },
  "PATCH /api/v1/funding/bids/{id}": { title: "Changed by the access test" },
  "POST /api/v1/funding/bids/{id}/submit": {},
  "POST /api/v1/funding/bids/{id}/review": { status: "under-board-review" },
  "POST /api/v1/funding/bids/{id}/status": { status: "funded" },
  // Fixture bids in reach are West Midlands', decided by the office the access test adds for it.
  "POST /api/v1/funding/bids/{id}/decisions": {
    reference: "PCD ACCESS",
    decisionMakerOrganisationId: "opcc-access-west-midlands",
    decidedOn: "2018-06-14",
    outcome: "approved",
    amounts: [{ financialYear: "2018/19", amountPence: 100_000 }],
    publishedSummary: "Access test decision",
  },
  "POST /api/v1/funding/posts": {
    roleTitle: "Access test post",
    organisationId: "west-midlands",
    formulaId: "00000000-0000-4000-8000-000000000000",
    fteBasisPoints: 10_000,
    annualCostPence: 100_000,
    startsOn: "2018-04-01",
  },
  "PATCH /api/v1/funding/posts/{id}": { notes: "Changed by the access test" },
  "POST /api/v1/funding/settlements": {
    formulaId: "00000000-0000-4000-8000-000000000000",
    financialYear: "2018/19",
    fromOrganisationId: "staffordshire",
    toOrganisationId: "west-midlands",
    amountPence: 100_000,
    paidOn: "2019-04-30",
    reference: "Access test payment",
  },
  "POST /api/v1/funding/pots": {
    name: "Access test pot",
    contributorOrganisationIds: ["west-midlands"],
    amounts: [{ financialYear: "2018/19", amountPence: 100_000 }],
  },
  "PATCH /api/v1/funding/pots/{id}": { notes: "Changed by the access test" },
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
    const operationsLead = await t.signedIn({
      roles: ["investigator"],
      scope: "national",
      clearance: "SECRET",
    });
    let operationNumber = 0;
    const referralDesk = await t.signedIn({
      roles: ["investigator"],
      scope: "national",
      clearance: "SECRET",
    });
    let referralNumber = 0;
    const preventTeam = await t.signedIn({ roles: ["prevent"], scope: "national", clearance: "SECRET" });
    const nationalFinance = await t.signedIn({ roles: ["finance"], scope: "national", clearance: "SECRET" });
    let fundingNumber = 0;
    const nationalBoard = await t.signedIn({ roles: ["board"], scope: "national", clearance: "SECRET" });
    // Bids are decided by the commissioner's office of their force area; the test adds one for
    // each force its fixtures use (only the Alliance's and London's are reference data).
    await t.database.db.insert(organisations).values(
      ["west-midlands", "staffordshire"].map((forceId) => ({
        id: `opcc-access-${forceId}`,
        name: `Access test commissioner's office (${forceId})`,
        kind: "opcc" as const,
        forceId,
        regionId: "west-midlands",
      })),
    );
    const bidders = new Map<string, Awaited<ReturnType<TestApp["signedIn"]>>>();
    const bidderOf = async (organisationId: string) => {
      const bidder =
        bidders.get(organisationId) ??
        (await t.signedIn({ roles: ["applicant"], organisationId, scope: "force", clearance: "SECRET" }));
      bidders.set(organisationId, bidder);
      return bidder;
    };
    // A bid of the placement's force, for its own area, taken as far as the route needs: a draft
    // to change or submit, submitted for review, recommended for a decision, approved to fund.
    const bidIn = async (
      placement: { organisationId: string; clearance: "OFFICIAL" | "SECRET" },
      stage: "draft" | "submitted" | "recommended" | "approved",
    ) => {
      const bidder = await bidderOf(placement.organisationId);
      const created = await bidder.post<{ id: string }>("/api/v1/funding/bids", {
        ...(sampleBodies["POST /api/v1/funding/bids"] as object),
        forceAreas: [placement.organisationId],
        classification: placement.clearance,
      });
      const id = created.body.id;
      if (stage === "draft") return id;
      await bidder.post(`/api/v1/funding/bids/${id}/submit`, {});
      if (stage === "submitted") return id;
      await nationalBoard.post(`/api/v1/funding/bids/${id}/review`, { status: "under-board-review" });
      await nationalBoard.post(`/api/v1/funding/bids/${id}/review`, { status: "recommended" });
      if (stage === "recommended") return id;
      await decisionOn(id, placement);
      return id;
    };
    const decisionOn = async (bidId: string, placement: { organisationId: string }) => {
      const decided = await nationalFinance.post<{ id: string }>(`/api/v1/funding/bids/${bidId}/decisions`, {
        ...(sampleBodies["POST /api/v1/funding/bids/{id}/decisions"] as object),
        reference: `PCD ACCESS ${++fundingNumber}`,
        decisionMakerOrganisationId: `opcc-access-${placement.organisationId}`,
      });
      return decided.body.id;
    };
    // Claims and panels: claimants per organisation, and a national moderator who sets up panels
    // (each for a month of its own: 2010 onwards for claims to decide, 2000 onwards for panels).
    const moderator = await t.signedIn({
      roles: ["moderator"],
      organisationId: "rocuwm",
      scope: "national",
      clearance: "SECRET",
    });
    const claimants = new Map<string, Awaited<ReturnType<TestApp["signedIn"]>>>();
    const claimantOf = async (organisationId: string) => {
      const claimant =
        claimants.get(organisationId) ??
        (await t.signedIn({
          roles: ["investigator"],
          organisationId,
          scope: "national",
          clearance: "SECRET",
        }));
      claimants.set(organisationId, claimant);
      return claimant;
    };
    const panelMonths = { claims: 2010 * 12, panels: 2000 * 12 };
    const panelIn = async (regionId: string, series: keyof typeof panelMonths) => {
      const month = panelMonths[series]++;
      const periodMonth = `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}`;
      const created = await moderator.post<{ id: string }>("/api/v1/panels", {
        regionId,
        periodMonth,
        heldOn: `${periodMonth}-28`,
        chairUserId: moderator.userId,
      });
      return created.body.id;
    };
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
      // Hosted by the placement's force, against a group of that force.
      operation: async (placement: { organisationId: string; clearance: "OFFICIAL" | "SECRET" }) => {
        const ocgId = await ocgIn(placement);
        const created = await operationsLead.post<{ id: string }>("/api/v1/operations", {
          ...(sampleBodies["POST /api/v1/operations"] as object),
          codeName: `ACCESS TEST ${++operationNumber}`,
          hostForceId: placement.organisationId,
          targetOcgIds: [ocgId],
          classification: placement.clearance,
        });
        return created.body.id;
      },
      // A claim against a group of the placement's force. Only the claiming organisation changes
      // or submits a claim, so those routes get a draft of the placement's own organisation; no
      // one decides their own unit's claim, so the decision route gets a ROCU's claim, listed on
      // an open panel of the group's region.
      disruption: async (
        placement: { organisationId: string; clearance: "OFFICIAL" | "SECRET" },
        route?: Operation,
      ) => {
        const ocgId = await ocgIn(placement);
        const deciding = route?.path.endsWith("/decision") === true;
        const claimant = await claimantOf(deciding ? "rocuwm" : placement.organisationId);
        const created = await claimant.post<{ id: string }>("/api/v1/disruptions", {
          ...(sampleBodies["POST /api/v1/disruptions"] as object),
          ocgId,
          classification: placement.clearance,
        });
        if (deciding) {
          await claimant.post(`/api/v1/disruptions/${created.body.id}/submit`);
          await panelIn("west-midlands", "claims");
        }
        return created.body.id;
      },
      // Panels belong to a region and are not classified (decision 004): the panel out of reach is
      // another region's (Staffordshire shares West Midlands' region), and no panel is above
      // anyone's clearance, so that check does not apply.
      panel: async (placement: { organisationId: string; clearance: "OFFICIAL" | "SECRET" }) => {
        if (placement.clearance === "SECRET") return null;
        return panelIn(
          placement.organisationId === "west-midlands" ? "west-midlands" : "north-west",
          "panels",
        );
      },
      // Credited to the placement's force: the host force of an operation against its group.
      outcome: async (placement: { organisationId: string; clearance: "OFFICIAL" | "SECRET" }) => {
        const ocgId = await ocgIn(placement);
        const operation = await operationsLead.post<{ id: string }>("/api/v1/operations", {
          ...(sampleBodies["POST /api/v1/operations"] as object),
          codeName: `ACCESS TEST ${++operationNumber}`,
          hostForceId: placement.organisationId,
          targetOcgIds: [ocgId],
          classification: placement.clearance,
        });
        const created = await operationsLead.post<{ id: string }>("/api/v1/outcomes", {
          ...(sampleBodies["POST /api/v1/outcomes"] as object),
          operationId: operation.body.id,
          ocgId,
          classification: placement.clearance,
        });
        return created.body.id;
      },
      // A referral of the placement's force area; the reallocation route needs one triaged first.
      referral: async (
        placement: { organisationId: string; clearance: "OFFICIAL" | "SECRET" },
        route?: Operation,
      ) => {
        const created = await referralDesk.post<{ referral: { id: string } }>("/api/v1/referrals", {
          ...(sampleBodies["POST /api/v1/referrals"] as object),
          crimeReference: `NFRC-ACCESS-${++referralNumber}`,
          forceId: placement.organisationId,
          classification: placement.clearance,
        });
        const id = created.body.referral.id;
        if (route?.path.endsWith("/reallocation"))
          await referralDesk.post(`/api/v1/referrals/${id}/triage`, {
            outcome: "no-further-action",
            reason: "Access test",
          });
        return id;
      },
      // Recorded by a national member of the Prevent team for the placement's force area.
      "cyber-choices": async (placement: { organisationId: string; clearance: "OFFICIAL" | "SECRET" }) => {
        const created = await preventTeam.post<{ id: string }>("/api/v1/cyber-choices", {
          ...(sampleBodies["POST /api/v1/cyber-choices"] as object),
          forceId: placement.organisationId,
          classification: placement.clearance,
        });
        return created.body.id;
      },
      // Kept by the placement's force, which alone pays it (so no other force reads it as a party).
      "funding-formula": async (placement: { organisationId: string; clearance: "OFFICIAL" | "SECRET" }) => {
        const created = await nationalFinance.post<{ id: string }>("/api/v1/funding/formulas", {
          ...(sampleBodies["POST /api/v1/funding/formulas"] as object),
          name: `Access test formula ${++fundingNumber}`,
          ownerOrganisationId: placement.organisationId,
          parts: [{ partyOrganisationId: placement.organisationId, shareBasisPoints: 10_000 }],
          classification: placement.clearance,
        });
        return created.body.id;
      },
      // Received by the placement's force.
      "funding-stream": async (placement: { organisationId: string; clearance: "OFFICIAL" | "SECRET" }) => {
        const created = await nationalFinance.post<{ id: string }>("/api/v1/funding/streams", {
          ...(sampleBodies["POST /api/v1/funding/streams"] as object),
          name: `Access test stream ${++fundingNumber}`,
          recipientOrganisationId: placement.organisationId,
          classification: placement.clearance,
        });
        return created.body.id;
      },
      "funding-bid": async (
        placement: { organisationId: string; clearance: "OFFICIAL" | "SECRET" },
        route?: Operation,
      ) => {
        const path = route?.path ?? "";
        if (path.endsWith("/review")) return bidIn(placement, "submitted");
        if (path.endsWith("/decisions")) return bidIn(placement, "recommended");
        if (path.endsWith("/status")) return bidIn(placement, "approved");
        return bidIn(placement, "draft");
      },
      "funding-decision": async (placement: { organisationId: string; clearance: "OFFICIAL" | "SECRET" }) =>
        decisionOn(await bidIn(placement, "recommended"), placement),
      // Set aside by the placement's force alone.
      "funding-pot": async (placement: { organisationId: string; clearance: "OFFICIAL" | "SECRET" }) => {
        const created = await nationalFinance.post<{ id: string }>("/api/v1/funding/pots", {
          ...(sampleBodies["POST /api/v1/funding/pots"] as object),
          name: `Access test pot ${++fundingNumber}`,
          contributorOrganisationIds: [placement.organisationId],
          classification: placement.clearance,
        });
        return created.body.id;
      },
      // Provided by the placement's force, to a formula it alone pays and keeps.
      "funding-post": async (placement: { organisationId: string; clearance: "OFFICIAL" | "SECRET" }) => {
        const formula = await nationalFinance.post<{ id: string }>("/api/v1/funding/formulas", {
          ...(sampleBodies["POST /api/v1/funding/formulas"] as object),
          name: `Access test formula ${++fundingNumber}`,
          ownerOrganisationId: placement.organisationId,
          parts: [{ partyOrganisationId: placement.organisationId, shareBasisPoints: 10_000 }],
        });
        const created = await nationalFinance.post<{ id: string }>("/api/v1/funding/posts", {
          ...(sampleBodies["POST /api/v1/funding/posts"] as object),
          organisationId: placement.organisationId,
          formulaId: formula.body.id,
          classification: placement.clearance,
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
      const otherForce = await make({ organisationId: "staffordshire", clearance: "OFFICIAL" }, operation);
      // null: the kind of record carries no classification of its own.
      const aboveClearance = await make({ organisationId: "west-midlands", clearance: "SECRET" }, operation);
      const inReach = await make({ organisationId: "west-midlands", clearance: "OFFICIAL" }, operation);
      expect([403, 404], `${key(operation)} on another force's record`).toContain(
        (await call(caller, operation, otherForce ?? undefined)).status,
      );
      if (aboveClearance !== null) {
        expect([403, 404], `${key(operation)} above clearance`).toContain(
          (await call(caller, operation, aboveClearance)).status,
        );
      }
      const allowed = await call(caller, operation, inReach ?? undefined);
      expect(
        allowed.status,
        `${key(operation)} on a record in reach: ${JSON.stringify(allowed.body)}`,
      ).toBeLessThan(300);
    }
  });
});
