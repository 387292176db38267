import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, type SQL, sql } from "drizzle-orm";
import type { Actor } from "#src/auth/policy.ts";
import type { Queryable, Tx } from "#src/db/database.ts";
import {
  forces,
  protectAdvice,
  referrals,
  users,
  victimContactAdvice,
  victimContacts,
} from "#src/db/schema.ts";
import { referralsVisibleTo } from "#src/features/referrals/access.ts";
import { offsetOf } from "#src/lib/paging.ts";
import { followUpLimit, type WaitingQuery } from "./schema.ts";

export async function findReferral(db: Queryable, id: string) {
  const [row] = await db.select().from(referrals).where(eq(referrals.id, id));
  return row;
}

/** A referral's contact attempts, newest first, with who recorded them. */
export async function contactsOf(db: Queryable, referralId: string) {
  return db
    .select({ contact: victimContacts, recorderName: users.name })
    .from(victimContacts)
    .innerJoin(users, eq(users.id, victimContacts.recordedBy))
    .where(eq(victimContacts.referralId, referralId))
    .orderBy(desc(victimContacts.attemptedAt), desc(victimContacts.recordedAt));
}

/** The advice recorded on these contacts, at the version given, with that version's title. */
export async function adviceOf(db: Queryable, contactIds: string[]) {
  if (contactIds.length === 0) return [];
  return db
    .select({
      contactId: victimContactAdvice.contactId,
      slug: victimContactAdvice.adviceSlug,
      version: victimContactAdvice.adviceVersion,
      title: protectAdvice.title,
    })
    .from(victimContactAdvice)
    .innerJoin(
      protectAdvice,
      and(
        eq(protectAdvice.slug, victimContactAdvice.adviceSlug),
        eq(protectAdvice.version, victimContactAdvice.adviceVersion),
      ),
    )
    .where(inArray(victimContactAdvice.contactId, contactIds))
    .orderBy(asc(protectAdvice.title));
}

/** The current versions of the named advice, read inside the recording transaction. */
export async function currentVersions(tx: Tx, slugs: string[]) {
  if (slugs.length === 0) return [];
  return (
    tx
      .select({ slug: protectAdvice.slug, version: protectAdvice.version })
      .from(protectAdvice)
      .where(and(inArray(protectAdvice.slug, slugs), eq(protectAdvice.current, true)))
      // Publishing a new version waits for this contact to be recorded, and the other way round.
      .for("share")
  );
}

/** Victims still to be contacted that the actor may see, oldest due first. */
export async function waitingVictims(db: Queryable, actor: Actor, query: WaitingQuery) {
  const conditions: SQL[] = [
    referralsVisibleTo(actor),
    isNotNull(referrals.contactDueAt),
    isNull(referrals.contactedAt),
  ];
  if (query.show === "overdue") conditions.push(lt(referrals.contactDueAt, sql`now()`));
  if (query.forceId) conditions.push(eq(referrals.forceId, query.forceId));
  const where = and(...conditions);
  const [rows, counted] = await Promise.all([
    db
      .select({
        referral: {
          id: referrals.id,
          crimeReference: referrals.crimeReference,
          forceId: referrals.forceId,
          reportedOn: referrals.reportedOn,
          victimType: referrals.victimType,
          victimAgeBand: referrals.victimAgeBand,
          vulnerability: referrals.vulnerability,
          priorityBand: referrals.priorityBand,
          status: referrals.status,
          contactDueAt: referrals.contactDueAt,
          classification: referrals.classification,
        },
        forceName: forces.name,
        attempts: sql<number>`(SELECT count(*)::int FROM ${victimContacts} WHERE ${victimContacts.referralId} = ${referrals.id})`,
        lastAttemptAt:
          sql<Date | null>`(SELECT max(${victimContacts.attemptedAt}) FROM ${victimContacts} WHERE ${victimContacts.referralId} = ${referrals.id})`.mapWith(
            victimContacts.attemptedAt,
          ),
      })
      .from(referrals)
      .innerJoin(forces, eq(forces.id, referrals.forceId))
      .where(where)
      .orderBy(asc(referrals.contactDueAt), asc(referrals.id))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db.select({ total: sql<number>`count(*)::int` }).from(referrals).where(where),
  ]);
  return { rows, total: counted[0]?.total ?? 0 };
}

/**
 * Follow-ups due by `today` on referrals the actor may see: contacts whose follow-up date has
 * come with no later attempt recorded (a later attempt is the follow-up).
 */
export async function followUpsDue(db: Queryable, actor: Actor, today: string, forceId: string | undefined) {
  const later = sql`EXISTS (
    SELECT 1 FROM ${victimContacts} AS later
    WHERE later.referral_id = ${victimContacts.referralId} AND later.attempted_at > ${victimContacts.attemptedAt}
  )`;
  const conditions: SQL[] = [
    referralsVisibleTo(actor),
    isNotNull(victimContacts.followUpOn),
    sql`${victimContacts.followUpOn} <= ${today}`,
    sql`NOT ${later}`,
  ];
  if (forceId) conditions.push(eq(referrals.forceId, forceId));
  const where = and(...conditions);
  const [rows, counted] = await Promise.all([
    db
      .select({
        contact: victimContacts,
        crimeReference: referrals.crimeReference,
        forceId: referrals.forceId,
        forceName: forces.name,
      })
      .from(victimContacts)
      .innerJoin(referrals, eq(referrals.id, victimContacts.referralId))
      .innerJoin(forces, eq(forces.id, referrals.forceId))
      .where(where)
      .orderBy(asc(victimContacts.followUpOn), asc(victimContacts.attemptedAt))
      .limit(followUpLimit),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(victimContacts)
      .innerJoin(referrals, eq(referrals.id, victimContacts.referralId))
      .where(where),
  ]);
  return { rows, total: counted[0]?.total ?? 0 };
}
