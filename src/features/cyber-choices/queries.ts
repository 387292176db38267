import { and, asc, desc, eq, lte, type SQL, sql } from "drizzle-orm";
import { type Actor, visibleTo } from "#src/auth/policy.ts";
import type { Queryable, Tx } from "#src/db/database.ts";
import { cyberChoicesReferrals, forces, referenceCounters, regions, users } from "#src/db/schema.ts";
import { offsetOf } from "#src/lib/paging.ts";
import type { ListCyberChoicesQuery } from "./schema.ts";

export type CyberChoicesRow = typeof cyberChoicesReferrals.$inferSelect;

function viewQuery(db: Queryable) {
  return db
    .select({ record: cyberChoicesReferrals, forceName: forces.name, creatorName: users.name })
    .from(cyberChoicesReferrals)
    .innerJoin(forces, eq(forces.id, cyberChoicesReferrals.forceId))
    .innerJoin(users, eq(users.id, cyberChoicesReferrals.createdBy));
}

export type CyberChoicesWithNames = Awaited<ReturnType<ReturnType<typeof viewQuery>["execute"]>>[number];

export async function findRecord(db: Queryable, id: string): Promise<CyberChoicesWithNames | undefined> {
  const [row] = await viewQuery(db).where(eq(cyberChoicesReferrals.id, id));
  return row;
}

const sortColumns = {
  reviewOn: cyberChoicesReferrals.reviewOn,
  referredOn: cyberChoicesReferrals.referredOn,
  reference: cyberChoicesReferrals.reference,
};

export async function listRecords(db: Queryable, actor: Actor, query: ListCyberChoicesQuery, today: string) {
  const conditions: SQL[] = [visibleTo(actor, cyberChoicesReferrals)];
  if (query.status) conditions.push(eq(cyberChoicesReferrals.status, query.status));
  if (query.source) conditions.push(eq(cyberChoicesReferrals.source, query.source));
  if (query.forceId) conditions.push(eq(cyberChoicesReferrals.forceId, query.forceId));
  if (query.reviewDue === "true")
    conditions.push(eq(cyberChoicesReferrals.status, "open"), lte(cyberChoicesReferrals.reviewOn, today));
  if (query.reviewDue === "false")
    conditions.push(
      sql`NOT (${cyberChoicesReferrals.status} = 'open' AND ${cyberChoicesReferrals.reviewOn} <= ${today})`,
    );
  const where = and(...conditions);
  const column = sortColumns[query.sort.replace("-", "") as keyof typeof sortColumns];
  const order = query.sort.startsWith("-") ? desc(column) : asc(column);
  const [rows, counted] = await Promise.all([
    viewQuery(db)
      .where(where)
      .orderBy(order, asc(cyberChoicesReferrals.reference))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db.select({ total: sql<number>`count(*)::int` }).from(cyberChoicesReferrals).where(where),
  ]);
  return { rows, total: counted[0]?.total ?? 0 };
}

export async function findForce(db: Queryable, id: string) {
  const [row] = await db.select().from(forces).where(eq(forces.id, id));
  return row;
}

/** Takes the next Cyber Choices number in a region (WM-CC-0001); the counter never goes back. */
export async function nextReference(tx: Tx, regionId: string): Promise<string> {
  const [counter] = await tx
    .insert(referenceCounters)
    .values({ series: "cyber-choices", regionId, lastNumber: 1 })
    .onConflictDoUpdate({
      target: [referenceCounters.series, referenceCounters.regionId],
      set: { lastNumber: sql`${referenceCounters.lastNumber} + 1` },
    })
    .returning();
  const [region] = await tx.select({ code: regions.code }).from(regions).where(eq(regions.id, regionId));
  if (!counter || !region) throw new Error(`no reference counter for region ${regionId}`);
  return `${region.code}-CC-${String(counter.lastNumber).padStart(4, "0")}`;
}
