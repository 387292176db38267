import { and, asc, count, desc, eq, ilike, isNotNull, isNull, or, type SQL, sql } from "drizzle-orm";
import { type Actor, visibleTo } from "#src/auth/policy.ts";
import type { Queryable } from "#src/db/database.ts";
import { organisations, users } from "#src/db/schema.ts";
import { offsetOf } from "#src/lib/paging.ts";
import type { ListUsersQuery } from "./schema.ts";

export type UserRow = typeof users.$inferSelect;
export type OrganisationRow = typeof organisations.$inferSelect;
export interface UserWithOrganisation {
  user: UserRow;
  organisation: OrganisationRow;
}

const userColumns = { forceId: users.forceId, regionId: users.regionId, classification: users.clearance };

export async function findUser(db: Queryable, id: string): Promise<UserWithOrganisation | undefined> {
  const [row] = await db
    .select({ user: users, organisation: organisations })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, id));
  return row;
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return row;
}

const sortColumns = { name: users.name, email: users.email, createdAt: users.createdAt };

export async function listUsers(db: Queryable, actor: Actor, query: ListUsersQuery) {
  const conditions: SQL[] = [visibleTo(actor, userColumns)];
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, "\\$&")}%`;
    conditions.push(or(ilike(users.name, pattern), ilike(users.email, pattern)) as SQL);
  }
  if (query.role) conditions.push(sql`${query.role} = ANY(${users.roles})`);
  if (query.organisationId) conditions.push(eq(users.organisationId, query.organisationId));
  if (query.status === "active") conditions.push(isNull(users.disabledAt));
  if (query.status === "disabled") conditions.push(isNotNull(users.disabledAt));
  const where = and(...conditions);
  const column = sortColumns[query.sort.replace("-", "") as keyof typeof sortColumns];
  const order = query.sort.startsWith("-") ? desc(column) : asc(column);
  const [rows, [total]] = await Promise.all([
    db
      .select({ user: users, organisation: organisations })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(where)
      .orderBy(order, asc(users.id))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return { rows, total: Number(total?.total ?? 0) };
}
