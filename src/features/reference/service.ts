import { asc, eq, sql } from "drizzle-orm";
import { actorOf, type RequestContext, recordAudit } from "#src/audit/audit.ts";
import { can } from "#src/auth/policy.ts";
import type { Db } from "#src/db/database.ts";
import { crimeTypes, forces, nfibCodes, organisations, regions, unitTypes } from "#src/db/schema.ts";
import { forbidden, invalidField, isUniqueViolation, notFound } from "#src/lib/errors.ts";

// Reference data is public knowledge (published by ONS and the police), so any signed-in user reads it.

export const listRegions = async (db: Db) => ({
  items: await db.select().from(regions).orderBy(asc(regions.name)),
});
export const listForces = async (db: Db) => ({
  items: await db.select().from(forces).orderBy(asc(forces.name)),
});
export const listOrganisations = async (db: Db) => ({
  items: await db.select().from(organisations).orderBy(asc(organisations.kind), asc(organisations.name)),
});

/** "Community Safety Partnership for Solihull" → "csp-community-safety-partnership-for-solihull". */
const organisationId = (kind: string, name: string) =>
  `${kind}-${name
    .normalize("NFKD")
    // Accents come apart from their letters under NFKD; drop them so "Môn" reads "mon".
    .replace(/\p{Mn}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80)}`;

export async function createOrganisation(
  db: Db,
  context: RequestContext,
  input: { name: string; kind: "opcc" | "csp"; forceId: string },
) {
  const actor = actorOf(context);
  if (!can(actor, "reference.manage")) throw forbidden();
  const id = organisationId(input.kind, input.name);
  try {
    return await db.transaction(async (tx) => {
      // Locking the force area serialises two administrators adding its commissioner's office at once.
      const [force] = await tx.select().from(forces).where(eq(forces.id, input.forceId)).for("update");
      if (!force) throw invalidField("forceId", "Choose a force area from the list");
      const [sameName] = await tx
        .select()
        .from(organisations)
        .where(sql`lower(${organisations.name}) = lower(${input.name})`);
      if (sameName) throw invalidField("name", `An organisation called ${sameName.name} already exists`);
      if (input.kind === "opcc") {
        const [office] = await tx
          .select()
          .from(organisations)
          .where(sql`${organisations.kind} = 'opcc' AND ${organisations.forceId} = ${force.id}`);
        if (office)
          throw invalidField("forceId", `${force.name} already has a commissioner's office: ${office.name}`);
      }
      const created = { id, name: input.name, kind: input.kind, forceId: force.id, regionId: force.regionId };
      await tx.insert(organisations).values(created);
      await recordAudit(tx, context, {
        action: "organisation.create",
        entityType: "organisation",
        entityId: id,
        changes: { name: { after: input.name }, kind: { after: input.kind }, forceId: { after: force.id } },
      });
      return created;
    });
  } catch (error) {
    // Names differing only in punctuation make the same id.
    if (isUniqueViolation(error))
      throw invalidField("name", "An organisation with a name like this already exists");
    throw error;
  }
}

export async function listUnitTypes(db: Db) {
  const rows = await db.select().from(unitTypes).orderBy(asc(unitTypes.name));
  return {
    items: rows.map(({ code, name, description, builtIn }) => ({ code, name, description, builtIn })),
  };
}

export async function createUnitType(
  db: Db,
  context: RequestContext,
  input: { code: string; name: string; description: string },
) {
  const actor = actorOf(context);
  if (!can(actor, "reference.manage")) throw forbidden();
  const [sameCode] = await db.select().from(unitTypes).where(eq(unitTypes.code, input.code));
  if (sameCode) throw invalidField("code", `A unit type with code ${input.code} already exists`);
  const [sameName] = await db.select().from(unitTypes).where(eq(unitTypes.name, input.name));
  if (sameName) throw invalidField("name", `A unit type called ${input.name} already exists`);
  await db.transaction(async (tx) => {
    await tx.insert(unitTypes).values({ ...input, builtIn: false });
    await recordAudit(tx, context, {
      action: "unit_type.create",
      entityType: "unit_type",
      entityId: input.code,
      changes: { name: { after: input.name }, description: { after: input.description } },
    });
  });
  return { ...input, builtIn: false };
}

export const listCrimeTypes = async (db: Db) => ({
  items: await db.select().from(crimeTypes).orderBy(asc(crimeTypes.sortOrder), asc(crimeTypes.name)),
});

// Added types come after the built-in ones (10 to 110) and before "Other" (999), by name.
const addedCrimeTypeSortOrder = 500;

export async function createCrimeType(
  db: Db,
  context: RequestContext,
  input: { code: string; name: string },
) {
  const actor = actorOf(context);
  if (!can(actor, "reference.manage")) throw forbidden();
  const [sameCode] = await db.select().from(crimeTypes).where(eq(crimeTypes.code, input.code));
  if (sameCode) throw invalidField("code", `A crime type with code ${input.code} already exists`);
  const [sameName] = await db
    .select()
    .from(crimeTypes)
    .where(sql`lower(${crimeTypes.name}) = ${input.name.toLowerCase()}`);
  if (sameName) throw invalidField("name", `A crime type called ${sameName.name} already exists`);
  const created = { ...input, sortOrder: addedCrimeTypeSortOrder, builtIn: false };
  await db.transaction(async (tx) => {
    await tx.insert(crimeTypes).values(created);
    await recordAudit(tx, context, {
      action: "crime_type.create",
      entityType: "crime_type",
      entityId: input.code,
      changes: { name: { after: input.name }, sortOrder: { after: created.sortOrder } },
    });
  });
  return created;
}

type NfibCategory = (typeof nfibCodes.$inferSelect)["category"];

export const listNfibCodes = async (db: Db, query: { category?: NfibCategory }) => ({
  items: await db
    .select()
    .from(nfibCodes)
    .where(query.category ? eq(nfibCodes.category, query.category) : undefined)
    .orderBy(asc(nfibCodes.sortOrder), asc(nfibCodes.code)),
});

// Added codes come after the built-in ones, by code.
const addedNfibCodeSortOrder = 999;

export async function createNfibCode(
  db: Db,
  context: RequestContext,
  input: { code: string; name: string; category: NfibCategory },
) {
  const actor = actorOf(context);
  if (!can(actor, "reference.manage")) throw forbidden();
  const [sameCode] = await db.select().from(nfibCodes).where(eq(nfibCodes.code, input.code));
  if (sameCode) throw invalidField("code", `NFIB code ${input.code} already exists`);
  const created = { ...input, sortOrder: addedNfibCodeSortOrder, builtIn: false };
  await db.transaction(async (tx) => {
    await tx.insert(nfibCodes).values(created);
    await recordAudit(tx, context, {
      action: "nfib_code.create",
      entityType: "nfib_code",
      entityId: input.code,
      changes: { name: { after: input.name }, category: { after: input.category } },
    });
  });
  return created;
}

/** Renames or re-flags a code; the code itself never changes, as reports already carry it. */
export async function updateNfibCode(
  db: Db,
  context: RequestContext,
  code: string,
  input: { name?: string; category?: NfibCategory },
) {
  const actor = actorOf(context);
  if (!can(actor, "reference.manage")) throw forbidden();
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(nfibCodes).where(eq(nfibCodes.code, code));
    if (!before) throw notFound(`NFIB code ${code}`);
    const after = { ...before, ...input };
    const changes = Object.fromEntries(
      (["name", "category"] as const)
        .filter((field) => before[field] !== after[field])
        .map((field) => [field, { before: before[field], after: after[field] }]),
    );
    if (Object.keys(changes).length === 0) return before;
    await tx.update(nfibCodes).set(input).where(eq(nfibCodes.code, code));
    await recordAudit(tx, context, {
      action: "nfib_code.update",
      entityType: "nfib_code",
      entityId: code,
      changes,
    });
    return after;
  });
}
