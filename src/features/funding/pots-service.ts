import { eq, sql } from "drizzle-orm";
import { actorOf, type RequestContext, recordAudit } from "#src/audit/audit.ts";
import { type Actor, can, type OwnedRecord } from "#src/auth/policy.ts";
import type { Db, Queryable } from "#src/db/database.ts";
import { fundingPotAmounts, fundingPotContributors, fundingPots } from "#src/db/schema.ts";
import { AppError, type FieldError, forbidden, notFound } from "#src/lib/errors.ts";
import { formatPence } from "#src/lib/money.ts";
import { financialYearLabel, parseFinancialYearLabel } from "#src/lib/periods.ts";
import * as bidQueries from "./bids-queries.ts";
import type { CreatePotInput, ListPotsQuery, PotView, UpdatePotInput } from "./bids-schema.ts";
import { organisationsWithIds } from "./queries.ts";
import { validationError, withUniqueName } from "./service.ts";

// Decision 007: a pot belongs to its first contributor's force and region, and every
// contributor's force reads it. Only finance creates one; approvals draw on it.

export const potRecord = (pot: bidQueries.PotRow): OwnedRecord => ({
  forceId: pot.forceId,
  regionId: pot.regionId,
  classification: pot.classification,
  sharedWithForces: pot.contributorForces,
});

export async function loadPot(db: Queryable, actor: Actor, id: string, lock = false) {
  const pot = await bidQueries.findPot(db, id, lock);
  if (!pot || !can(actor, "funding.read", potRecord(pot))) throw notFound("Budget pot");
  return pot;
}

/** Each year's money in these pots: set aside, committed by approvals, and left. */
export async function potBalances(db: Queryable, potIds: readonly string[]) {
  const [amounts, commitments] = await Promise.all([
    bidQueries.potAmountsOf(db, potIds),
    bidQueries.potCommitments(db, potIds),
  ]);
  return amounts.map((amount) => {
    const committedPence =
      commitments.find(
        (commitment) =>
          commitment.potId === amount.potId && commitment.financialYear === amount.financialYear,
      )?.committedPence ?? 0;
    return { ...amount, committedPence, remainingPence: amount.amountPence - committedPence };
  });
}

async function presentPots(db: Queryable, rows: bidQueries.PotRow[]): Promise<PotView[]> {
  const ids = rows.map((row) => row.id);
  const [contributors, balances] = await Promise.all([
    bidQueries.potContributorsOf(db, ids),
    potBalances(db, ids),
  ]);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    crimeAreas: row.crimeAreas,
    contributors: contributors
      .filter((contributor) => contributor.potId === row.id)
      .map((contributor) => ({ id: contributor.organisationId, name: contributor.name })),
    forceId: row.forceId,
    regionId: row.regionId,
    amounts: balances
      .filter((balance) => balance.potId === row.id)
      .map((balance) => ({
        financialYear: financialYearLabel(balance.financialYear),
        amountPence: balance.amountPence,
        amount: formatPence(balance.amountPence),
        committedPence: balance.committedPence,
        committed: formatPence(balance.committedPence),
        remainingPence: balance.remainingPence,
        remaining: formatPence(balance.remainingPence),
      })),
    decisionReference: row.decisionReference,
    notes: row.notes,
    classification: row.classification,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

export async function listPots(db: Db, context: RequestContext, query: ListPotsQuery) {
  const actor = actorOf(context);
  if (!can(actor, "funding.read")) throw forbidden();
  const year = query.financialYear ? parseFinancialYearLabel(query.financialYear) : null;
  const { rows, total } = await bidQueries.listPots(db, actor, query, year);
  return { items: await presentPots(db, rows), total, page: query.page, pageSize: query.pageSize };
}

export async function getPot(db: Db, context: RequestContext, id: string): Promise<PotView> {
  const pot = await loadPot(db, actorOf(context), id);
  const [view] = await presentPots(db, [pot]);
  if (!view) throw notFound("Budget pot");
  return view;
}

const potNameTaken = (name: string) => `A pot named ${name} already exists`;

export async function createPot(db: Db, context: RequestContext, input: CreatePotInput): Promise<PotView> {
  const actor = actorOf(context);
  if (!can(actor, "funding.manage")) throw forbidden();
  const errors: FieldError[] = [];
  const contributors = await organisationsWithIds(db, input.contributorOrganisationIds);
  input.contributorOrganisationIds.forEach((id, index) => {
    const field = `contributorOrganisationIds.${index}`;
    if (!contributors.some((contributor) => contributor.id === id)) {
      errors.push({ field, message: "Choose the contributor from the list of organisations" });
    } else if (input.contributorOrganisationIds.indexOf(id) !== index) {
      errors.push({ field, message: "This contributor is listed more than once" });
    }
  });
  const amounts = amountsByYear(input.amounts, errors);
  if (await bidQueries.findPotByName(db, input.name)) {
    errors.push({ field: "name", message: potNameTaken(input.name) });
  }
  const first = contributors.find((contributor) => contributor.id === input.contributorOrganisationIds[0]);
  if (errors.length > 0 || !first) throw validationError(errors);
  const details = {
    name: input.name,
    crimeAreas: [...new Set(input.crimeAreas)],
    forceId: first.forceId,
    regionId: first.regionId,
    contributorForces: [...new Set(contributors.flatMap((contributor) => contributor.forceId ?? []))].sort(),
    decisionReference: input.decisionReference,
    notes: input.notes,
    classification: input.classification,
  };
  if (!can(actor, "funding.manage", { ...details, sharedWithForces: [] })) {
    throw forbidden("You can only set up pots for an organisation in your scope, up to your clearance");
  }
  const id = await withUniqueName("funding_pots_name_key", potNameTaken(input.name), () =>
    db.transaction(async (tx) => {
      const [created] = await tx
        .insert(fundingPots)
        .values({ ...details, createdBy: actor.id })
        .returning();
      if (!created) throw new Error("insert returned no row");
      await tx.insert(fundingPotContributors).values(
        input.contributorOrganisationIds.map((organisationId, index) => ({
          potId: created.id,
          position: index + 1,
          organisationId,
        })),
      );
      await tx.insert(fundingPotAmounts).values(amounts.map((amount) => ({ potId: created.id, ...amount })));
      await recordAudit(tx, context, {
        action: "funding-pot.create",
        entityType: "funding-pot",
        entityId: created.id,
        forceId: created.forceId,
        regionId: created.regionId,
        classification: created.classification,
        changes: {
          ...Object.fromEntries(Object.entries(details).map(([field, value]) => [field, { after: value }])),
          contributorOrganisationIds: { after: input.contributorOrganisationIds },
          amounts: {
            after: amounts.map((amount) => ({
              financialYear: financialYearLabel(amount.financialYear),
              amountPence: amount.amountPence,
            })),
          },
        },
      });
      return created.id;
    }),
  );
  return getPot(db, context, id);
}

/** Each year of a list of amounts, refusing a year listed twice. */
function amountsByYear(
  amounts: readonly { financialYear: string; amountPence: number }[],
  errors: FieldError[],
) {
  const years = amounts.map((amount) => parseFinancialYearLabel(amount.financialYear));
  years.forEach((year, index) => {
    if (years.indexOf(year) !== index) {
      errors.push({
        field: `amounts.${index}.financialYear`,
        message: `${financialYearLabel(year)} is listed more than once: give one amount a year`,
      });
    }
  });
  return amounts.map((amount, index) => ({
    financialYear: years[index] ?? 0,
    amountPence: amount.amountPence,
  }));
}

/**
 * Changes a pot's name, references or money. A year's amount may not fall below what approvals
 * have already committed in it, and a year with commitments may not be dropped: the pot row is
 * locked, as a decision drawing on it locks it, so the check and the change see the same draws.
 */
export async function updatePot(
  db: Db,
  context: RequestContext,
  id: string,
  input: UpdatePotInput,
): Promise<PotView> {
  const actor = actorOf(context);
  await db.transaction(async (tx) => {
    const before = await loadPot(tx, actor, id, true);
    if (!can(actor, "funding.manage", potRecord(before))) throw forbidden();
    const errors: FieldError[] = [];
    const name = input.name ?? before.name;
    if (input.name !== undefined && name.toLowerCase() !== before.name.toLowerCase()) {
      if (await bidQueries.findPotByName(tx, name))
        errors.push({ field: "name", message: potNameTaken(name) });
    }
    const balances = await potBalances(tx, [id]);
    const amounts = input.amounts ? amountsByYear(input.amounts, errors) : null;
    if (amounts) {
      for (const balance of balances) {
        if (balance.committedPence === 0) continue;
        const index = amounts.findIndex((amount) => amount.financialYear === balance.financialYear);
        const committed = `approvals have committed ${formatPence(balance.committedPence)} of it`;
        const year = financialYearLabel(balance.financialYear);
        if (index === -1) {
          errors.push({ field: "amounts", message: `${year} cannot be removed: ${committed}` });
        } else if ((amounts[index]?.amountPence ?? 0) < balance.committedPence) {
          errors.push({
            field: `amounts.${index}.amountPence`,
            message: `${year} cannot be less than ${formatPence(balance.committedPence)}: ${committed}`,
          });
        }
      }
    }
    if (errors.length > 0) throw validationError(errors);

    const details = {
      name,
      decisionReference: input.decisionReference ?? before.decisionReference,
      notes: input.notes ?? before.notes,
    };
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const field of ["name", "decisionReference", "notes"] as const) {
      if (details[field] !== before[field]) changes[field] = { before: before[field], after: details[field] };
    }
    if (amounts) {
      const label = (list: readonly { financialYear: number; amountPence: number }[]) =>
        [...list]
          .sort((a, b) => a.financialYear - b.financialYear)
          .map((amount) => ({
            financialYear: financialYearLabel(amount.financialYear),
            amountPence: amount.amountPence,
          }));
      const was = label(balances);
      const now = label(amounts);
      if (JSON.stringify(was) !== JSON.stringify(now)) changes.amounts = { before: was, after: now };
    }
    if (Object.keys(changes).length === 0) return;
    await withUniqueName("funding_pots_name_key", potNameTaken(name), async () => {
      await tx
        .update(fundingPots)
        .set({ ...details, updatedAt: sql`now()` })
        .where(eq(fundingPots.id, id));
      if (amounts && changes.amounts) {
        await tx.delete(fundingPotAmounts).where(eq(fundingPotAmounts.potId, id));
        await tx.insert(fundingPotAmounts).values(amounts.map((amount) => ({ potId: id, ...amount })));
      }
    });
    await recordAudit(tx, context, {
      action: "funding-pot.update",
      entityType: "funding-pot",
      entityId: id,
      forceId: before.forceId,
      regionId: before.regionId,
      classification: before.classification,
      changes,
    });
  });
  return getPot(db, context, id);
}

/**
 * Refuses a draw on a pot that it cannot meet, naming the pot, the year and what is left. Call it
 * in the writing transaction with the pot row locked, so that two approvals are checked one after
 * the other against what the first committed.
 */
export async function assertPotCovers(
  db: Queryable,
  pot: bidQueries.PotRow,
  needs: readonly [number, number][],
): Promise<void> {
  const balances = await potBalances(db, [pot.id]);
  for (const [year, neededPence] of needs) {
    const balance = balances.find((candidate) => candidate.financialYear === year);
    const leftPence = balance?.remainingPence ?? 0;
    if (neededPence > leftPence) {
      const message = balance
        ? `${pot.name} has ${formatPence(leftPence)} left in ${financialYearLabel(year)}; this decision needs ${formatPence(neededPence)}`
        : `${pot.name} has no money set aside for ${financialYearLabel(year)}; this decision needs ${formatPence(neededPence)}`;
      throw new AppError("conflict", message, { fields: [{ field: "potId", message }] });
    }
  }
}
