import { eq, sql } from "drizzle-orm";
import { actorOf, type RequestContext, recordAudit } from "#src/audit/audit.ts";
import { type Actor, can } from "#src/auth/policy.ts";
import type { Db } from "#src/db/database.ts";
import { referrals, victimContactAdvice, victimContacts } from "#src/db/schema.ts";
import { referralRecord } from "#src/features/referrals/access.ts";
import { AppError, type FieldError, forbidden, notFound } from "#src/lib/errors.ts";
import { ukToday } from "#src/lib/periods.ts";
import * as queries from "./queries.ts";
import type { ContactInput, VictimCareView, WaitingListView, WaitingQuery } from "./schema.ts";
import { contactClock, contactTarget } from "./target.ts";

// A browser's clock may run a little ahead of the server's: "now" typed in a form is not future.
const clockSkewMs = 5 * 60 * 1000;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** "23 November 2026 at 11:05", as people in the UK read a moment. */
const ukDateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "Europe/London",
});

/** Loads a referral the actor may read; anything else looks like it does not exist. */
async function loadVisible(db: Db, actor: Actor, id: string) {
  const referral = await queries.findReferral(db, id);
  if (!referral || !can(actor, "referrals.read", referralRecord(referral))) throw notFound("Referral");
  return referral;
}

/** A referral's contact attempts with the advice given at the versions given, and its target. */
export async function victimCareOf(
  db: Db,
  context: RequestContext,
  referralId: string,
): Promise<VictimCareView> {
  const actor = actorOf(context);
  const referral = await loadVisible(db, actor, referralId);
  const contacts = await queries.contactsOf(db, referralId);
  const advice = await queries.adviceOf(
    db,
    contacts.map(({ contact }) => contact.id),
  );
  return {
    referralId,
    contactDueAt: iso(referral.contactDueAt),
    contactedAt: iso(referral.contactedAt),
    target: contactTarget(referral.contactDueAt, referral.contactedAt, new Date()),
    contacts: contacts.map(({ contact, recorderName }) => ({
      id: contact.id,
      attemptedAt: contact.attemptedAt.toISOString(),
      channel: contact.channel,
      outcome: contact.outcome,
      notes: contact.notes,
      followUpOn: contact.followUpOn,
      advice: advice
        .filter((given) => given.contactId === contact.id)
        .map(({ slug, version, title }) => ({ slug, version, title })),
      recordedBy: { id: contact.recordedBy, name: recorderName },
      recordedAt: contact.recordedAt.toISOString(),
    })),
    canRecord: can(actor, "victims.contact", referralRecord(referral)),
  };
}

/**
 * Records an attempt to contact the victim with the Protect advice given: the version of each
 * piece current now is kept, so later versions never change what this victim was told. The
 * first successful contact is when the victim was contacted, which decides the target.
 */
export async function recordContact(
  db: Db,
  context: RequestContext,
  referralId: string,
  input: ContactInput,
): Promise<VictimCareView> {
  const actor = actorOf(context);
  const referral = await loadVisible(db, actor, referralId);
  if (!can(actor, "victims.contact", referralRecord(referral))) throw forbidden();
  const now = new Date();
  const attemptedAt = input.attemptedAt ? new Date(input.attemptedAt) : now;
  const errors: FieldError[] = [];
  if (attemptedAt.getTime() > now.getTime() + clockSkewMs)
    errors.push({ field: "attemptedAt", message: "The contact attempt cannot be in the future" });
  else if (attemptedAt.getTime() < referral.receivedAt.getTime())
    errors.push({
      field: "attemptedAt",
      message: `The contact attempt cannot be before the referral was received, ${ukDateTime.format(referral.receivedAt)}`,
    });
  if (input.followUpOn && input.followUpOn < ukToday())
    errors.push({ field: "followUpOn", message: "The follow-up date cannot be in the past" });
  const slugs = [...new Set(input.adviceGiven)];
  await db.transaction(async (tx) => {
    const versions = await queries.currentVersions(tx, slugs);
    const unknown = slugs.filter((slug) => !versions.some((version) => version.slug === slug));
    if (unknown.length > 0)
      errors.push({
        field: "adviceGiven",
        message: `Choose advice from the library: ${unknown.join(", ")} is not in it`,
      });
    if (errors.length > 0)
      throw new AppError("validation", errors[0]?.message ?? "Check the contact attempt", { fields: errors });

    const [contact] = await tx
      .insert(victimContacts)
      .values({
        referralId,
        attemptedAt,
        channel: input.channel,
        outcome: input.outcome,
        notes: input.notes,
        followUpOn: input.followUpOn,
        recordedBy: actor.id,
      })
      .returning();
    if (!contact) throw new Error("insert returned no row");
    if (versions.length > 0)
      await tx.insert(victimContactAdvice).values(
        versions.map((version) => ({
          contactId: contact.id,
          adviceSlug: version.slug,
          adviceVersion: version.version,
        })),
      );
    // An earlier successful attempt recorded late still counts as the first contact.
    const [updated] =
      input.outcome === "contacted"
        ? await tx
            .update(referrals)
            .set({
              contactedAt: sql`LEAST(COALESCE(${referrals.contactedAt}, ${attemptedAt}), ${attemptedAt})`,
              updatedAt: sql`now()`,
            })
            .where(eq(referrals.id, referralId))
            .returning({ contactedAt: referrals.contactedAt })
        : [];
    const contactedChanged =
      updated !== undefined && updated.contactedAt?.getTime() !== referral.contactedAt?.getTime();
    await recordAudit(tx, context, {
      action: "referral.contact",
      entityType: "referral",
      entityId: referralId,
      forceId: referral.forceId,
      regionId: referral.regionId,
      classification: referral.classification,
      changes: {
        contact: {
          after: {
            id: contact.id,
            attemptedAt: attemptedAt.toISOString(),
            channel: contact.channel,
            outcome: contact.outcome,
            notes: contact.notes,
            followUpOn: contact.followUpOn,
            advice: versions.map((version) => `${version.slug} v${version.version}`),
          },
        },
        ...(contactedChanged
          ? { contactedAt: { before: iso(referral.contactedAt), after: iso(updated?.contactedAt ?? null) } }
          : {}),
      },
    });
  });
  return victimCareOf(db, context, referralId);
}

/** Vulnerable victims not yet contacted, oldest due first, and follow-ups that have come due. */
export async function waitingVictims(
  db: Db,
  context: RequestContext,
  query: WaitingQuery,
): Promise<WaitingListView> {
  const actor = actorOf(context);
  if (!can(actor, "victims.contact")) throw forbidden();
  const [waiting, followUps] = await Promise.all([
    queries.waitingVictims(db, actor, query),
    queries.followUpsDue(db, actor, ukToday(), query.forceId),
  ]);
  const now = new Date();
  return {
    items: waiting.rows.map(({ referral, forceName, attempts, lastAttemptAt }) => {
      // The query only lists referrals with a due moment.
      const dueAt = referral.contactDueAt ?? now;
      return {
        referralId: referral.id,
        crimeReference: referral.crimeReference,
        force: { id: referral.forceId, name: forceName },
        reportedOn: referral.reportedOn,
        victimType: referral.victimType,
        victimAgeBand: referral.victimAgeBand,
        vulnerability: referral.vulnerability,
        priorityBand: referral.priorityBand,
        status: referral.status,
        contactDueAt: dueAt.toISOString(),
        ...contactClock(dueAt, now),
        attempts,
        lastAttemptAt: iso(lastAttemptAt),
        classification: referral.classification,
      };
    }),
    total: waiting.total,
    page: query.page,
    pageSize: query.pageSize,
    followUps: {
      items: followUps.rows.map(({ contact, crimeReference, forceId, forceName }) => ({
        contactId: contact.id,
        referralId: contact.referralId,
        crimeReference,
        force: { id: forceId, name: forceName },
        followUpOn: contact.followUpOn ?? "",
        attemptedAt: contact.attemptedAt.toISOString(),
        channel: contact.channel,
        outcome: contact.outcome,
      })),
      total: followUps.total,
    },
  };
}
