import { and, asc, desc, eq } from "drizzle-orm";
import type { Queryable, Tx } from "#src/db/database.ts";
import { protectAdvice, users } from "#src/db/schema.ts";

export type AdviceRow = typeof protectAdvice.$inferSelect;

function withAuthor(db: Queryable) {
  return db
    .select({ advice: protectAdvice, authorName: users.name })
    .from(protectAdvice)
    .leftJoin(users, eq(users.id, protectAdvice.createdBy));
}

export type AdviceWithAuthor = Awaited<ReturnType<ReturnType<typeof withAuthor>["execute"]>>[number];

export async function currentAdvice(db: Queryable): Promise<AdviceWithAuthor[]> {
  return withAuthor(db).where(eq(protectAdvice.current, true)).orderBy(asc(protectAdvice.title));
}

export async function versionsOf(db: Queryable, slug: string): Promise<AdviceWithAuthor[]> {
  return withAuthor(db).where(eq(protectAdvice.slug, slug)).orderBy(desc(protectAdvice.version));
}

export async function currentVersionOf(db: Queryable, slug: string): Promise<AdviceRow | undefined> {
  const [row] = await db
    .select()
    .from(protectAdvice)
    .where(and(eq(protectAdvice.slug, slug), eq(protectAdvice.current, true)));
  return row;
}

/** The current version, locked until the transaction ends so two publishers cannot both be next. */
export async function lockCurrentVersion(tx: Tx, slug: string): Promise<AdviceRow | undefined> {
  const [row] = await tx
    .select()
    .from(protectAdvice)
    .where(and(eq(protectAdvice.slug, slug), eq(protectAdvice.current, true)))
    .for("update");
  return row;
}

export async function slugExists(db: Queryable, slug: string): Promise<boolean> {
  const [row] = await db
    .select({ slug: protectAdvice.slug })
    .from(protectAdvice)
    .where(eq(protectAdvice.slug, slug))
    .limit(1);
  return row !== undefined;
}
