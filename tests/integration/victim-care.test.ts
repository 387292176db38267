import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestReferrals } from "#src/features/referrals/ingest.ts";
import { prepareReferral, referralInput } from "#src/features/referrals/intake.ts";
import type { ReferralView } from "#src/features/referrals/schema.ts";
import { defaultTriageSettings } from "#src/features/referrals/settings.ts";
import type { VictimCareView, WaitingListView } from "#src/features/victim-care/schema.ts";
import type { Problem } from "../support/api-client.ts";
import { databaseKinds, startTestApp, type TestApp } from "../support/test-app.ts";

type Client = Awaited<ReturnType<TestApp["signedIn"]>>;
type AuditPage = {
  items: {
    action: string;
    entityId: string;
    changes: Record<string, { before?: unknown; after?: unknown }>;
  }[];
};

const hourMs = 60 * 60 * 1000;
const fields = (problem: Pick<Problem, "errors">) =>
  (problem.errors ?? []).map((error) => error.field).sort();
const ukDate = (date: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(date);

let references = 0;
const nextReference = () => `NFRC-VC-${String(++references).padStart(5, "0")}`;

const baseReferral = {
  source: "action-fraud",
  forceId: "west-midlands",
  reportedOn: "2026-04-06",
  nfibCode: "NFIB52B",
  summary: "Victim's e-mail account taken over and used to ask contacts for money.",
  victimType: "individual",
  victimAgeBand: "75-plus",
  contactPreference: "phone",
  vulnerability: "high",
  harmOngoing: false,
  lossPounds: 500,
  classification: "OFFICIAL",
};

describe.each(databaseKinds())("victim care on %s", (kind) => {
  let t: TestApp;
  let wmProtect: Client;
  let wmAnalyst: Client;
  let staffsProtect: Client;
  let intakeDesk: Client;
  let admin: Client;

  /** A referral received now through the API (its victim is due contact in 72 hours). */
  const submit = async (body: Record<string, unknown> = {}) => {
    const response = await intakeDesk.post<{ referral: ReferralView }>("/api/v1/referrals", {
      ...baseReferral,
      crimeReference: nextReference(),
      ...body,
    });
    if (response.status >= 300) throw new Error(`intake failed: ${JSON.stringify(response.body)}`);
    return response.body.referral;
  };

  /** A referral received some hours ago, as an import that ran then would have stored it. */
  const receivedHoursAgo = async (hours: number, body: Record<string, unknown> = {}) => {
    const prepared = prepareReferral(
      referralInput.parse({ ...baseReferral, crimeReference: nextReference(), ...body }),
    );
    const receivedAt = new Date(Date.now() - hours * hourMs);
    const [ingested] = await t.database.db.transaction((tx) =>
      ingestReferrals(tx, [prepared], { receivedAt, settings: defaultTriageSettings, importRunId: null }),
    );
    if (!ingested) throw new Error("ingest stored nothing");
    return { id: ingested.id, crimeReference: ingested.crimeReference, receivedAt };
  };

  const care = async (client: Client, referralId: string) => {
    const response = await client.get<VictimCareView>(`/api/v1/referrals/${referralId}/contacts`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };

  const contact = async (client: Client, referralId: string, body: Record<string, unknown>) => {
    const response = await client.post<VictimCareView>(`/api/v1/referrals/${referralId}/contacts`, body);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };

  const waiting = async (client: Client, query: string) => {
    const response = await client.get<WaitingListView>(`/api/v1/victim-care/overdue?${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    wmProtect = await t.signedIn({ roles: ["protect"], organisationId: "west-midlands" });
    wmAnalyst = await t.signedIn({ roles: ["analyst"], organisationId: "west-midlands" });
    staffsProtect = await t.signedIn({ roles: ["protect"], organisationId: "staffordshire" });
    intakeDesk = await t.signedIn({ roles: ["investigator"], scope: "national", clearance: "SECRET" });
    admin = await t.signedIn({ roles: ["admin"], scope: "national", clearance: "SECRET" });
  });
  afterAll(() => t.close());

  it("records contact attempts with the Protect advice given, and meets the target on first contact", async () => {
    const referral = await submit();
    const before = await care(wmProtect, referral.id);
    expect(before).toMatchObject({ target: "pending", contactedAt: null, contacts: [], canRecord: true });
    expect(before.contactDueAt).toBe(referral.contactDueAt);

    const tomorrow = ukDate(new Date(Date.now() + 24 * hourMs));
    const unanswered = await contact(wmProtect, referral.id, {
      channel: "phone",
      outcome: "no-answer",
      followUpOn: tomorrow,
    });
    expect(unanswered.target).toBe("pending");
    expect(unanswered.contactedAt).toBeNull();

    // Just after receipt: an attempt is never before the referral arrived.
    const attemptedAt = new Date(new Date(referral.receivedAt).getTime() + 1).toISOString();
    const reached = await contact(wmProtect, referral.id, {
      attemptedAt,
      channel: "phone",
      outcome: "contacted",
      notes: "Talked through securing the e-mail account.",
      adviceGiven: ["phishing", "passwords-two-step"],
    });
    expect(reached.target).toBe("met");
    expect(reached.contactedAt).toBe(attemptedAt);
    // Newest attempt first: the successful one was made before the unanswered call was recorded.
    expect(reached.contacts.map((item) => item.outcome)).toEqual(["no-answer", "contacted"]);
    expect(reached.contacts[1]?.advice).toEqual([
      { slug: "phishing", version: 1, title: "Spotting and reporting phishing" },
      { slug: "passwords-two-step", version: 1, title: "Strong passwords and two-step verification" },
    ]);
    expect(reached.contacts[1]?.recordedBy.id).toBe(wmProtect.userId);
    expect(reached.contacts[0]?.followUpOn).toBe(tomorrow);

    // A later successful contact does not move the first one.
    const again = await contact(wmProtect, referral.id, { channel: "email", outcome: "contacted" });
    expect(again.contactedAt).toBe(attemptedAt);

    const audit = await admin.get<AuditPage>(
      `/api/v1/audit?entityType=referral&entityId=${referral.id}&action=referral.contact`,
    );
    expect(audit.body.items).toHaveLength(3);
    const firstContactEvent = audit.body.items.find((event) => event.changes.contactedAt);
    expect(firstContactEvent?.changes.contactedAt).toEqual({ before: null, after: attemptedAt });
    expect(firstContactEvent?.changes.contact?.after).toMatchObject({
      outcome: "contacted",
      advice: ["passwords-two-step v1", "phishing v1"],
    });
  });

  it("misses the target when the first contact comes after the due moment, and meets it when a timely contact is recorded late", async () => {
    const late = await receivedHoursAgo(80);
    expect((await care(wmProtect, late.id)).target).toBe("missed");
    const lateContact = await contact(wmProtect, late.id, { channel: "visit", outcome: "contacted" });
    expect(lateContact.target).toBe("missed");

    const timely = await receivedHoursAgo(80);
    const withinTarget = new Date(timely.receivedAt.getTime() + 70 * hourMs).toISOString();
    const recordedLate = await contact(wmProtect, timely.id, {
      attemptedAt: withinTarget,
      channel: "phone",
      outcome: "contacted",
    });
    expect(recordedLate.target).toBe("met");
    expect(recordedLate.contactedAt).toBe(withinTarget);
  });

  it("has no target for a victim who is not vulnerable, yet still records contact", async () => {
    const referral = await submit({ vulnerability: "none" });
    const recorded = await contact(wmProtect, referral.id, { channel: "letter", outcome: "contacted" });
    expect(recorded.target).toBeNull();
    expect(recorded.contactDueAt).toBeNull();
    expect(recorded.contacts).toHaveLength(1);
  });

  it("explains bad contact details field by field and records nothing", async () => {
    const referral = await receivedHoursAgo(2);
    const response = await wmProtect.post<Problem>(`/api/v1/referrals/${referral.id}/contacts`, {
      attemptedAt: new Date(referral.receivedAt.getTime() - hourMs).toISOString(),
      channel: "phone",
      outcome: "contacted",
      followUpOn: "2020-01-01",
      adviceGiven: ["phishing", "no-such-advice"],
    });
    expect(response.status).toBe(400);
    expect(fields(response.body)).toEqual(["adviceGiven", "attemptedAt", "followUpOn"]);
    expect(response.body.errors?.find((error) => error.field === "adviceGiven")?.message).toContain(
      "no-such-advice",
    );

    const future = await wmProtect.post<Problem>(`/api/v1/referrals/${referral.id}/contacts`, {
      attemptedAt: new Date(Date.now() + 2 * hourMs).toISOString(),
      channel: "carrier-pigeon",
      outcome: "contacted",
    });
    expect(future.status).toBe(400);
    expect(fields(future.body)).toEqual(["channel"]);
    const futureOnly = await wmProtect.post<Problem>(`/api/v1/referrals/${referral.id}/contacts`, {
      attemptedAt: new Date(Date.now() + 2 * hourMs).toISOString(),
      channel: "phone",
      outcome: "contacted",
    });
    expect(futureOnly.body.errors).toEqual([
      { field: "attemptedAt", message: "The contact attempt cannot be in the future" },
    ]);

    const after = await care(wmProtect, referral.id);
    expect(after.contacts).toEqual([]);
    expect(after.contactedAt).toBeNull();
  });

  it("lets readers see contacts but only victim-care staff record them, within their force", async () => {
    const referral = await submit();
    await contact(wmProtect, referral.id, { channel: "phone", outcome: "left-message" });
    const read = await care(wmAnalyst, referral.id);
    expect(read.canRecord).toBe(false);
    expect(read.contacts).toHaveLength(1);
    const refused = await wmAnalyst.post(`/api/v1/referrals/${referral.id}/contacts`, {
      channel: "phone",
      outcome: "no-answer",
    });
    expect(refused.status).toBe(403);
    expect((await staffsProtect.get(`/api/v1/referrals/${referral.id}/contacts`)).status).toBe(404);
    const otherForce = await staffsProtect.post(`/api/v1/referrals/${referral.id}/contacts`, {
      channel: "phone",
      outcome: "no-answer",
    });
    expect(otherForce.status).toBe(404);
  });

  it("lists victims waiting for contact, oldest due first, with what is overdue, within scope", async () => {
    // West Mercia only, so that other tests' referrals stay out of this list.
    const mercia = { forceId: "west-mercia" };
    const merciaProtect = await t.signedIn({ roles: ["protect"], organisationId: "west-mercia" });
    const longest = await receivedHoursAgo(100, mercia);
    const overdue = await receivedHoursAgo(75, mercia);
    const pending = await receivedHoursAgo(10, mercia);
    const contacted = await receivedHoursAgo(90, mercia);
    await receivedHoursAgo(90, { ...mercia, vulnerability: "none" });
    await contact(merciaProtect, contacted.id, { channel: "phone", outcome: "contacted" });
    await contact(merciaProtect, overdue.id, { channel: "phone", outcome: "no-answer" });

    const all = await waiting(merciaProtect, "show=waiting");
    expect(all.items.map((item) => item.referralId)).toEqual([longest.id, overdue.id, pending.id]);
    expect(all.total).toBe(3);
    expect(all.items[0]).toMatchObject({
      overdue: true,
      hoursOverdue: 28,
      hoursRemaining: null,
      attempts: 0,
    });
    expect(all.items[1]).toMatchObject({ overdue: true, hoursOverdue: 3, attempts: 1 });
    expect(all.items[1]?.lastAttemptAt).not.toBeNull();
    expect(all.items[2]).toMatchObject({ overdue: false, hoursOverdue: null, hoursRemaining: 61 });

    const overdueOnly = await waiting(merciaProtect, "show=overdue&pageSize=1");
    expect(overdueOnly.total).toBe(2);
    expect(overdueOnly.items.map((item) => item.referralId)).toEqual([longest.id]);
    const secondPage = await waiting(merciaProtect, "show=overdue&pageSize=1&page=2");
    expect(secondPage.items.map((item) => item.referralId)).toEqual([overdue.id]);

    // Another force's staff never see them; national staff filter by force.
    expect((await waiting(wmProtect, "show=waiting&forceId=west-mercia")).total).toBe(0);
    const nationalProtect = await t.signedIn({ roles: ["protect"], scope: "national", clearance: "SECRET" });
    expect((await waiting(nationalProtect, "forceId=west-mercia")).total).toBe(3);
    expect((await wmAnalyst.get("/api/v1/victim-care/overdue")).status).toBe(403);
  });

  it("lists follow-ups that have come due until a later attempt is recorded", async () => {
    const mercia = { forceId: "warwickshire" };
    const warwickshireProtect = await t.signedIn({ roles: ["protect"], organisationId: "warwickshire" });
    const referral = await receivedHoursAgo(30, mercia);
    const today = ukDate(new Date());
    await contact(warwickshireProtect, referral.id, {
      channel: "phone",
      outcome: "contacted",
      followUpOn: today,
      adviceGiven: ["romance-fraud"],
    });
    const due = await waiting(warwickshireProtect, "");
    expect(due.followUps.total).toBe(1);
    expect(due.followUps.items[0]).toMatchObject({
      referralId: referral.id,
      crimeReference: referral.crimeReference,
      followUpOn: today,
      outcome: "contacted",
    });
    expect((await waiting(wmProtect, "")).followUps.items.map((item) => item.referralId)).not.toContain(
      referral.id,
    );
    await contact(warwickshireProtect, referral.id, { channel: "phone", outcome: "contacted" });
    expect((await waiting(warwickshireProtect, "")).followUps.total).toBe(0);
  });
});
