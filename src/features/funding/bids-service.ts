import { eq } from "drizzle-orm";
import {
  type AuditEventInput,
  actorOf,
  changedFields,
  type RequestContext,
  recordAudit,
} from "#src/audit/audit.ts";
import { type Actor, can, clearanceCovers, type OwnedRecord } from "#src/auth/policy.ts";
import type { Db, Queryable, Tx } from "#src/db/database.ts";
import {
  type AuditChanges,
  fundingBidCosts,
  fundingBidEvents,
  fundingBidShares,
  fundingBids,
} from "#src/db/schema.ts";
import { AppError, type FieldError, forbidden, notFound } from "#src/lib/errors.ts";
import { formatPence, splitByTree } from "#src/lib/money.ts";
import { financialYearLabel, parseFinancialYearLabel } from "#src/lib/periods.ts";
import * as bidQueries from "./bids-queries.ts";
import type {
  BidStatusInput,
  BidView,
  CreateBidInput,
  ListBidsQuery,
  ReviewBidInput,
  SubmitBidInput,
  UpdateBidInput,
} from "./bids-schema.ts";
import { type BidStepBy, editableStatuses, moveBid } from "./machine.ts";
import { formulasWithIds, organisationsWithIds } from "./queries.ts";
import { shareTree, validationError } from "./service.ts";
import type { BidStatus } from "./vocabulary.ts";

// Decision 007. A bid belongs to its applicant's force and region, and the force areas it covers
// read it too; the applicant organisation's own staff see and change it whatever their role's
// scope, and nobody else with only the applicant role sees it at all.

const bidRecord = (bid: bidQueries.BidRow): OwnedRecord => ({
  forceId: bid.forceId,
  regionId: bid.regionId,
  classification: bid.classification,
  sharedWithForces: bid.forceAreas,
});

/** The same rule as bidsVisibleTo in bids-queries.ts. */
function canSeeBid(actor: Actor, bid: bidQueries.BidRow): boolean {
  if (can(actor, "funding.read", bidRecord(bid))) return true;
  return (
    can(actor, "funding.bid") &&
    bid.applicantOrganisationId === actor.organisationId &&
    clearanceCovers(actor.clearance, bid.classification)
  );
}

/** Loads a bid the actor may see; anything else looks like it does not exist. */
export async function loadBid(db: Queryable, actor: Actor, id: string, lock = false) {
  const bid = await bidQueries.findBid(db, id, lock);
  if (!bid || !canSeeBid(actor, bid)) throw notFound("Bid");
  return bid;
}

function assertApplicant(actor: Actor, bid: bidQueries.BidRow) {
  if (!can(actor, "funding.bid") || bid.applicantOrganisationId !== actor.organisationId) {
    throw forbidden("Only the applicant organisation's staff change or submit its bid");
  }
}

const money = (amountPence: number) => ({ amountPence, amount: formatPence(amountPence) });

/** Amounts added up by financial year, oldest first. */
export function byYear(lines: readonly { financialYear: number; amountPence: number }[]): [number, number][] {
  const totals = new Map<number, number>();
  for (const line of lines) {
    totals.set(line.financialYear, (totals.get(line.financialYear) ?? 0) + line.amountPence);
  }
  return [...totals.entries()].sort(([a], [b]) => a - b);
}

async function presentBids(db: Queryable, rows: bidQueries.BidRow[]): Promise<BidView[]> {
  const ids = rows.map((row) => row.id);
  const [costs, shares, events, decisions] = await Promise.all([
    bidQueries.costsOf(db, ids),
    bidQueries.sharesOf(db, ids),
    bidQueries.eventsOf(db, ids),
    bidQueries.decisionsOnBids(db, ids),
  ]);
  const organisationIds = rows.map((row) => row.applicantOrganisationId);
  const [applicants, areas, formulas] = await Promise.all([
    organisationsWithIds(db, [...new Set(organisationIds)]),
    bidQueries.forcesWithIds(db, [...new Set(rows.flatMap((row) => row.forceAreas))]),
    formulasWithIds(db, [...new Set(rows.flatMap((row) => (row.formulaId ? [row.formulaId] : [])))]),
  ]);
  return rows.map((row) => {
    const own = costs.filter((cost) => cost.bidId === row.id);
    const totalPence = own.reduce((sum, cost) => sum + cost.amountPence, 0);
    const applicant = applicants.find((organisation) => organisation.id === row.applicantOrganisationId);
    return {
      id: row.id,
      title: row.title,
      purpose: row.purpose,
      applicant: {
        id: row.applicantOrganisationId,
        name: applicant?.name ?? row.applicantOrganisationId,
        kind: applicant?.kind ?? "",
      },
      forceId: row.forceId,
      regionId: row.regionId,
      strand: row.strand,
      crimeArea: row.crimeArea,
      forceAreas: row.forceAreas.map((id) => ({
        id,
        name: areas.find((area) => area.id === id)?.name ?? id,
      })),
      status: row.status,
      costs: own.map((cost) => ({
        financialYear: financialYearLabel(cost.financialYear),
        category: cost.category,
        ...money(cost.amountPence),
      })),
      costsByYear: byYear(own).map(([year, amountPence]) => ({
        financialYear: financialYearLabel(year),
        ...money(amountPence),
      })),
      totalPence,
      total: formatPence(totalPence),
      formula: row.formulaId
        ? {
            id: row.formulaId,
            name: formulas.find((formula) => formula.id === row.formulaId)?.name ?? row.formulaId,
          }
        : null,
      shares: shares
        .filter((share) => share.bidId === row.id)
        .map((share) => ({
          decisionMaker: { id: share.decisionMakerOrganisationId, name: share.decisionMakerName },
          financialYear: financialYearLabel(share.financialYear),
          ...money(share.amountPence),
        })),
      decisions: decisions
        .filter((decision) => decision.bidId === row.id)
        .map((decision) => ({
          id: decision.id,
          reference: decision.reference,
          decisionMaker: { id: decision.decisionMakerOrganisationId, name: decision.decisionMakerName },
          outcome: decision.outcome,
        })),
      history: events
        .filter((event) => event.bidId === row.id)
        .map((event) => ({
          action: event.action,
          fromStatus: event.fromStatus,
          toStatus: event.toStatus,
          reason: event.reason,
          actor: { id: event.actorId, name: event.actorName },
          occurredAt: event.occurredAt.toISOString(),
        })),
      classification: row.classification,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

export async function listBids(db: Db, context: RequestContext, query: ListBidsQuery) {
  const actor = actorOf(context);
  if (!can(actor, "funding.bids.read")) throw forbidden();
  const year = query.financialYear ? parseFinancialYearLabel(query.financialYear) : null;
  const { rows, total } = await bidQueries.listBids(db, actor, query, year);
  return { items: await presentBids(db, rows), total, page: query.page, pageSize: query.pageSize };
}

export async function getBid(db: Db, context: RequestContext, id: string): Promise<BidView> {
  const bid = await loadBid(db, actorOf(context), id);
  const [view] = await presentBids(db, [bid]);
  if (!view) throw notFound("Bid");
  return view;
}

type CostLine = {
  financialYear: number;
  category: CreateBidInput["costs"][number]["category"];
  amountPence: number;
};

/** Checks the force areas and costs, reporting every problem at once. */
async function resolveBid(db: Queryable, input: Pick<CreateBidInput, "forceAreas" | "costs">) {
  const errors: FieldError[] = [];
  const known = await bidQueries.forcesWithIds(db, input.forceAreas);
  input.forceAreas.forEach((id, index) => {
    if (!known.some((force) => force.id === id)) {
      errors.push({ field: `forceAreas.${index}`, message: "Choose the force area from the list of forces" });
    } else if (input.forceAreas.indexOf(id) !== index) {
      errors.push({ field: `forceAreas.${index}`, message: "This force area is listed more than once" });
    }
  });
  const costs: CostLine[] = input.costs.map((cost) => ({
    financialYear: parseFinancialYearLabel(cost.financialYear),
    category: cost.category,
    amountPence: cost.amountPence,
  }));
  costs.forEach((cost, index) => {
    const first = costs.findIndex(
      (other) => other.financialYear === cost.financialYear && other.category === cost.category,
    );
    if (first !== index) {
      errors.push({
        field: `costs.${index}`,
        message: `${cost.category} in ${financialYearLabel(cost.financialYear)} is listed more than once: give one amount a category a year`,
      });
    }
  });
  if (byYear(costs).some(([, total]) => !Number.isSafeInteger(total))) {
    errors.push({ field: "costs", message: "The costs add up to more than can be held exactly" });
  }
  if (errors.length > 0) throw validationError(errors);
  return { forceAreas: [...input.forceAreas].sort(), costs };
}

const auditedBidFields = [
  "title",
  "purpose",
  "applicantOrganisationId",
  "strand",
  "crimeArea",
  "forceAreas",
  "classification",
  // Every cost line: what the money is.
  "costs",
] as const;

type AuditedBid = bidQueries.BidRow & {
  costs: { financialYear: string; category: string; amountPence: number }[];
};

const auditedCosts = (costs: readonly CostLine[]) =>
  costs.map((cost) => ({
    financialYear: financialYearLabel(cost.financialYear),
    category: cost.category,
    amountPence: cost.amountPence,
  }));

function bidAudit(bid: bidQueries.BidRow, verb: string, changes: AuditChanges): AuditEventInput {
  return {
    action: `funding-bid.${verb}`,
    entityType: "funding-bid",
    entityId: bid.id,
    forceId: bid.forceId,
    regionId: bid.regionId,
    classification: bid.classification,
    changes,
  };
}

async function writeCosts(tx: Tx, bidId: string, costs: readonly CostLine[]) {
  await tx.delete(fundingBidCosts).where(eq(fundingBidCosts.bidId, bidId));
  await tx.insert(fundingBidCosts).values(costs.map((cost) => ({ bidId, ...cost })));
}

/** Records one step of the workflow: the bid's status, who, when and why, and its audit event. */
export async function recordStep(
  tx: Tx,
  context: RequestContext,
  bid: bidQueries.BidRow,
  to: BidStatus,
  by: BidStepBy,
  reason: string | undefined,
  extra: Partial<Pick<bidQueries.BidRow, "formulaId">> = {},
) {
  const actor = actorOf(context);
  const step = moveBid(bid.status, to, by, reason);
  const [after] = await tx
    .update(fundingBids)
    .set({ status: step.status, ...extra, updatedAt: new Date() })
    .where(eq(fundingBids.id, bid.id))
    .returning();
  if (!after) throw notFound("Bid");
  await tx.insert(fundingBidEvents).values({
    bidId: bid.id,
    action: step.action,
    fromStatus: bid.status,
    toStatus: step.status,
    reason: step.reason,
    actorId: actor.id,
    actorName: actor.name,
  });
  await recordAudit(
    tx,
    context,
    bidAudit(after, step.action, {
      status: { before: bid.status, after: step.status },
      ...(step.reason ? { reason: { after: step.reason } } : {}),
      ...changedFields(bid, after, ["formulaId"]),
    }),
  );
  return after;
}

export async function createBid(db: Db, context: RequestContext, input: CreateBidInput): Promise<BidView> {
  const actor = actorOf(context);
  if (!can(actor, "funding.bid")) throw forbidden();
  if (!clearanceCovers(actor.clearance, input.classification)) {
    throw validationError([
      { field: "classification", message: "You cannot mark a bid above your clearance" },
    ]);
  }
  const { forceAreas, costs } = await resolveBid(db, input);
  const [applicant] = await organisationsWithIds(db, [actor.organisationId]);
  if (!applicant) throw new Error(`actor ${actor.id} has no organisation`);
  const id = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(fundingBids)
      .values({
        title: input.title,
        purpose: input.purpose,
        applicantOrganisationId: applicant.id,
        forceId: applicant.forceId,
        regionId: applicant.regionId,
        strand: input.strand,
        crimeArea: input.crimeArea,
        forceAreas,
        status: "draft",
        classification: input.classification,
        createdBy: actor.id,
      })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await writeCosts(tx, created.id, costs);
    await tx.insert(fundingBidEvents).values({
      bidId: created.id,
      action: "create",
      fromStatus: null,
      toStatus: "draft",
      reason: "",
      actorId: actor.id,
      actorName: actor.name,
    });
    await recordAudit(
      tx,
      context,
      bidAudit(
        created,
        "create",
        changedFields<AuditedBid>(null, { ...created, costs: auditedCosts(costs) }, auditedBidFields),
      ),
    );
    return created.id;
  });
  return getBid(db, context, id);
}

export async function updateBid(
  db: Db,
  context: RequestContext,
  id: string,
  input: UpdateBidInput,
): Promise<BidView> {
  const actor = actorOf(context);
  const before = await loadBid(db, actor, id);
  assertApplicant(actor, before);
  if (!editableStatuses.includes(before.status)) {
    throw new AppError(
      "conflict",
      `The bid is ${before.status}: it can be changed only as a draft or when the board asks for more information`,
    );
  }
  if (input.classification && !clearanceCovers(actor.clearance, input.classification)) {
    throw validationError([
      { field: "classification", message: "You cannot mark a bid above your clearance" },
    ]);
  }
  const currentCosts = await bidQueries.costsOf(db, [id]);
  const { forceAreas, costs } = await resolveBid(db, {
    forceAreas: input.forceAreas ?? before.forceAreas,
    costs:
      input.costs ??
      currentCosts.map((cost) => ({
        financialYear: financialYearLabel(cost.financialYear),
        category: cost.category,
        amountPence: cost.amountPence,
      })),
  });
  const beforeAudited: AuditedBid = { ...before, costs: auditedCosts(currentCosts) };
  const columns = {
    title: input.title ?? before.title,
    purpose: input.purpose ?? before.purpose,
    strand: input.strand ?? before.strand,
    crimeArea: input.crimeArea ?? before.crimeArea,
    forceAreas,
    classification: input.classification ?? before.classification,
  };
  const changes = changedFields<AuditedBid>(
    beforeAudited,
    { ...before, ...columns, costs: auditedCosts(costs) },
    auditedBidFields,
  );
  if (Object.keys(changes).length === 0) return getBid(db, context, id);
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(fundingBids)
      .set({ ...columns, updatedAt: new Date() })
      .where(eq(fundingBids.id, id))
      .returning();
    if (!after) throw notFound("Bid");
    if (changes.costs) await writeCosts(tx, id, costs);
    await recordAudit(tx, context, bidAudit(after, "update", changes));
  });
  return getBid(db, context, id);
}

interface Share {
  decisionMakerOrganisationId: string;
  financialYear: number;
  amountPence: number;
}

const listNames = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;

/**
 * What each commissioner's office is asked to pay, per financial year: all of it for a bid in one
 * force area; for several, the split of each year's costs by the one formula whose parties (through
 * nested formulas) are exactly those force areas, using its shares for that year.
 */
async function splitBid(db: Queryable, bid: bidQueries.BidRow) {
  const years = byYear(await bidQueries.costsOf(db, [bid.id]));
  const areas = await bidQueries.forcesWithIds(db, bid.forceAreas);
  const areaNames = listNames(bid.forceAreas.map((id) => areas.find((area) => area.id === id)?.name ?? id));
  const offices = await bidQueries.opccsOf(db, bid.forceAreas);
  const missing = bid.forceAreas.filter((area) => !offices.some((office) => office.forceId === area));
  if (missing.length > 0) {
    const names = listNames(missing.map((id) => areas.find((area) => area.id === id)?.name ?? id));
    throw validationError([
      {
        field: "forceAreas",
        message: `No Office of the Police and Crime Commissioner is recorded for ${names}: an administrator must add it before the bid is submitted`,
      },
    ]);
  }
  const officeOf = (forceId: string) => {
    const office = offices.find((candidate) => candidate.forceId === forceId);
    if (!office) throw new Error(`no OPCC for ${forceId}`);
    return office.id;
  };
  const [onlyArea] = bid.forceAreas;
  if (bid.forceAreas.length === 1 && onlyArea) {
    const shares: Share[] = years.map(([financialYear, amountPence]) => ({
      decisionMakerOrganisationId: officeOf(onlyArea),
      financialYear,
      amountPence,
    }));
    return { formulaId: null, shares };
  }

  const covering: { id: string; name: string; shares: Share[] }[] = [];
  let uncoveredYear: number | null = null;
  for (const formula of await bidQueries.formulasPaidBy(db, bid.forceAreas)) {
    const shares = await formulaSharesOf(db, formula, years, bid.forceAreas, officeOf);
    if (typeof shares === "number") uncoveredYear = shares;
    else covering.push({ ...formula, shares });
  }
  const [chosen, ...others] = covering;
  if (!chosen) {
    const when = uncoveredYear === null ? "" : ` with shares for ${financialYearLabel(uncoveredYear)}`;
    throw validationError([
      {
        field: "forceAreas",
        message: `No cost-sharing formula${when} is paid by exactly ${areaNames}: finance must record one, or bid for each force area separately`,
      },
    ]);
  }
  if (others.length > 0) {
    throw validationError([
      {
        field: "forceAreas",
        message: `Several cost-sharing formulas are paid by exactly ${areaNames} (${listNames(covering.map((formula) => formula.name))}): finance must keep one`,
      },
    ]);
  }
  return { formulaId: chosen.id, shares: chosen.shares };
}

/**
 * Splits each year's costs by the formula, or answers the first year it cannot split (no shares
 * decided, or a part going to anyone but the bid's force areas).
 */
async function formulaSharesOf(
  db: Queryable,
  formula: { id: string; name: string },
  years: readonly [number, number][],
  forceAreas: readonly string[],
  officeOf: (forceId: string) => string,
): Promise<Share[] | number> {
  const shares: Share[] = [];
  for (const [financialYear, total] of years) {
    let tree: Awaited<ReturnType<typeof shareTree>>["tree"];
    try {
      tree = (await shareTree(db, formula, financialYear)).tree;
    } catch (error) {
      if (error instanceof AppError) return financialYear;
      throw error;
    }
    const leaves = splitByTree(total, tree);
    const parties = await organisationsWithIds(db, [...new Set(leaves.map((leaf) => leaf.party.id))]);
    const byOffice = new Map<string, number>();
    for (const leaf of leaves) {
      const party = parties.find((organisation) => organisation.id === leaf.party.id);
      if (party?.kind !== "force" || !party.forceId || !forceAreas.includes(party.forceId)) {
        return financialYear;
      }
      const office = officeOf(party.forceId);
      byOffice.set(office, (byOffice.get(office) ?? 0) + leaf.amount);
    }
    for (const [decisionMakerOrganisationId, amountPence] of byOffice) {
      shares.push({ decisionMakerOrganisationId, financialYear, amountPence });
    }
  }
  return shares;
}

/**
 * The applicant sends the bid to the board: a draft, or one the board asked about (saying what
 * changed). Its split between commissioners is worked out now, so a bid that no formula covers is
 * refused here, before anyone reviews it.
 */
export async function submitBid(
  db: Db,
  context: RequestContext,
  id: string,
  input: SubmitBidInput,
): Promise<BidView> {
  const actor = actorOf(context);
  const bid = await loadBid(db, actor, id);
  assertApplicant(actor, bid);
  moveBid(bid.status, "submitted", "applicant", input.reason);
  await db.transaction(async (tx) => {
    // Locked first, so the costs split are the costs submitted.
    const current = await loadBid(tx, actor, id, true);
    const { formulaId, shares } = await splitBid(tx, current);
    await tx.delete(fundingBidShares).where(eq(fundingBidShares.bidId, id));
    await tx.insert(fundingBidShares).values(shares.map((share) => ({ bidId: id, ...share })));
    await recordStep(tx, context, current, "submitted", "applicant", input.reason, { formulaId });
  });
  return getBid(db, context, id);
}

/** The board's steps: taking a bid into review, then recommending it, asking for more, or not. */
export async function reviewBid(
  db: Db,
  context: RequestContext,
  id: string,
  input: ReviewBidInput,
): Promise<BidView> {
  const actor = actorOf(context);
  const bid = await loadBid(db, actor, id);
  if (!can(actor, "funding.review", bidRecord(bid))) throw forbidden("Only board members record a review");
  moveBid(bid.status, input.status, "board", input.reason);
  await db.transaction(async (tx) => {
    const current = await loadBid(tx, actor, id, true);
    await recordStep(tx, context, current, input.status, "board", input.reason);
  });
  return getBid(db, context, id);
}

/** Finance marks an approved bid funded, and closes a bid that is finished with. */
export async function setBidStatus(
  db: Db,
  context: RequestContext,
  id: string,
  input: BidStatusInput,
): Promise<BidView> {
  const actor = actorOf(context);
  const bid = await loadBid(db, actor, id);
  if (!can(actor, "funding.manage", bidRecord(bid))) throw forbidden("Only finance users change money");
  moveBid(bid.status, input.status, "finance", input.reason);
  await db.transaction(async (tx) => {
    const current = await loadBid(tx, actor, id, true);
    await recordStep(tx, context, current, input.status, "finance", input.reason);
  });
  return getBid(db, context, id);
}
