import { and, inArray, isNull, sql } from "drizzle-orm";
import type { Queryable } from "#src/db/database.ts";
import { disruptions, ocgs, operations, users } from "#src/db/schema.ts";

/** The ids of the active users with these email addresses, by lowercased email. */
export async function activeUsersByEmail(
  db: Queryable,
  emails: readonly string[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(emails.map((email) => email.trim().toLowerCase()))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, email: sql<string>`lower(${users.email})` })
    .from(users)
    .where(and(inArray(sql`lower(${users.email})`, wanted), isNull(users.disabledAt)));
  return new Map(rows.map((row) => [row.email, row.id]));
}

/** The ids of the operations with these code names, by lowercased code name. */
export async function operationIdsByCodeName(
  db: Queryable,
  codeNames: readonly string[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(codeNames.map((name) => name.trim().toLowerCase()))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: operations.id, codeName: sql<string>`lower(${operations.codeName})` })
    .from(operations)
    .where(inArray(sql`lower(${operations.codeName})`, wanted));
  return new Map(rows.map((row) => [row.codeName, row.id]));
}

/** The ids of the OCGs with these references (such as WM-OCG-0042), by uppercased reference. */
export async function ocgIdsByReference(
  db: Queryable,
  references: readonly string[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(references.map((reference) => reference.trim().toUpperCase()))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: ocgs.id, reference: ocgs.reference })
    .from(ocgs)
    .where(inArray(ocgs.reference, wanted));
  return new Map(rows.map((row) => [row.reference.toUpperCase(), row.id]));
}

/** The ids of the disruption claims with these references (such as WM-DIS-0007), by uppercased reference. */
export async function disruptionIdsByReference(
  db: Queryable,
  references: readonly string[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(references.map((reference) => reference.trim().toUpperCase()))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: disruptions.id, reference: disruptions.reference })
    .from(disruptions)
    .where(inArray(disruptions.reference, wanted));
  return new Map(rows.map((row) => [row.reference.toUpperCase(), row.id]));
}
