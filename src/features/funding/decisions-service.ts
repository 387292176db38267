import { actorOf, type RequestContext, recordAudit } from "#src/audit/audit.ts";
import { type Actor, can, canSee, type OwnedRecord } from "#src/auth/policy.ts";
import type { Db, Queryable } from "#src/db/database.ts";
import { fundingDecisionAmounts, fundingDecisions } from "#src/db/schema.ts";
import { AppError, type FieldError, forbidden, notFound } from "#src/lib/errors.ts";
import { formatPence } from "#src/lib/money.ts";
import { financialYearLabel, parseFinancialYearLabel } from "#src/lib/periods.ts";
import * as bidQueries from "./bids-queries.ts";
import type { CreateDecisionInput, DecisionView, ListDecisionsQuery } from "./bids-schema.ts";
import { byYear, loadBid, recordStep } from "./bids-service.ts";
import { outcomeOfDecisions } from "./machine.ts";
import { assertPotCovers, loadPot, potRecord } from "./pots-service.ts";
import { findStreamRow, organisationsWithIds } from "./queries.ts";
import { validationError, withUniqueName } from "./service.ts";

// Decision 007: a decision belongs to its commissioner's office (force and region) and carries its
// bid's classification. It is a record: written once, never changed.

const decisionRecord = (decision: bidQueries.DecisionRow): OwnedRecord => ({
  forceId: decision.forceId,
  regionId: decision.regionId,
  classification: decision.classification,
});

async function loadDecision(db: Queryable, actor: Actor, id: string) {
  const decision = await bidQueries.findDecision(db, id);
  if (!decision || !can(actor, "funding.read", decisionRecord(decision))) throw notFound("Decision");
  return decision;
}

async function presentDecisions(db: Queryable, rows: bidQueries.DecisionRow[]): Promise<DecisionView[]> {
  const ids = rows.map((row) => row.id);
  const [amounts, makers, bids, pots] = await Promise.all([
    bidQueries.decisionAmountsOf(db, ids),
    organisationsWithIds(db, [...new Set(rows.map((row) => row.decisionMakerOrganisationId))]),
    Promise.all([...new Set(rows.map((row) => row.bidId))].map((id) => bidQueries.findBid(db, id))),
    Promise.all(
      [...new Set(rows.flatMap((row) => (row.potId ? [row.potId] : [])))].map((id) =>
        bidQueries.findPot(db, id),
      ),
    ),
  ]);
  return rows.map((row) => {
    const own = amounts.filter((amount) => amount.decisionId === row.id);
    const totalPence = own.reduce((sum, amount) => sum + amount.amountPence, 0);
    const pot = pots.find((candidate) => candidate?.id === row.potId);
    return {
      id: row.id,
      reference: row.reference,
      bid: { id: row.bidId, title: bids.find((bid) => bid?.id === row.bidId)?.title ?? "" },
      decisionMaker: {
        id: row.decisionMakerOrganisationId,
        name: makers.find((maker) => maker.id === row.decisionMakerOrganisationId)?.name ?? "",
      },
      forceId: row.forceId,
      regionId: row.regionId,
      decidedOn: row.decidedOn,
      outcome: row.outcome,
      amounts: own.map((amount) => ({
        financialYear: financialYearLabel(amount.financialYear),
        amountPence: amount.amountPence,
        amount: formatPence(amount.amountPence),
        fundingStream:
          amount.fundingStreamId && amount.fundingStreamName
            ? { id: amount.fundingStreamId, name: amount.fundingStreamName }
            : null,
      })),
      totalPence,
      total: formatPence(totalPence),
      conditions: row.conditions,
      publishedSummary: row.publishedSummary,
      pot: pot ? { id: pot.id, name: pot.name } : null,
      classification: row.classification,
      createdAt: row.createdAt.toISOString(),
    };
  });
}

export async function listDecisions(db: Db, context: RequestContext, query: ListDecisionsQuery) {
  const actor = actorOf(context);
  if (!can(actor, "funding.read")) throw forbidden();
  const year = query.financialYear ? parseFinancialYearLabel(query.financialYear) : null;
  const { rows, total, sumPence } = await bidQueries.listDecisions(db, actor, query, year);
  if (sumPence > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new AppError(
      "validation",
      "The listed decisions add up to more than can be held exactly: filter them",
    );
  }
  return {
    items: await presentDecisions(db, rows),
    total,
    page: query.page,
    pageSize: query.pageSize,
    sumPence: Number(sumPence),
    sum: formatPence(Number(sumPence)),
  };
}

export async function getDecision(db: Db, context: RequestContext, id: string): Promise<DecisionView> {
  const decision = await loadDecision(db, actorOf(context), id);
  const [view] = await presentDecisions(db, [decision]);
  if (!view) throw notFound("Decision");
  return view;
}

const referenceTaken = (reference: string) => `A decision with reference ${reference} already exists`;

/**
 * Records a commissioner's formal decision on their share of a recommended bid. An approval gives
 * at most the share asked of that office, year by year (from named streams if given), and may
 * draw on a pot the office contributes to; a refusal gives nothing. When the decisions settle the
 * bid (every share approved, or one declined) the bid moves in the same transaction.
 */
export async function recordDecision(
  db: Db,
  context: RequestContext,
  bidId: string,
  input: CreateDecisionInput,
): Promise<DecisionView> {
  const actor = actorOf(context);
  const bid = await loadBid(db, actor, bidId);
  const [maker] = await organisationsWithIds(db, [input.decisionMakerOrganisationId]);
  const makerRecord = {
    forceId: maker?.forceId ?? null,
    regionId: maker?.regionId ?? null,
    classification: bid.classification,
  };
  // Finance records decisions, for commissioners' offices in their scope.
  if (!can(actor, "funding.manage", maker ? makerRecord : undefined)) {
    throw forbidden(
      "Only finance users of the commissioner's force area (or its region) record its decisions",
    );
  }
  if (bid.status !== "recommended") {
    throw new AppError("conflict", `The bid is ${bid.status}: commissioners decide on a recommended bid`);
  }

  const errors: FieldError[] = [];
  const shares = (await bidQueries.sharesOf(db, [bidId])).filter(
    (share) => share.decisionMakerOrganisationId === input.decisionMakerOrganisationId,
  );
  const decided = await bidQueries.decisionsOnBids(db, [bidId]);
  if (!maker || shares.length === 0) {
    errors.push({
      field: "decisionMakerOrganisationId",
      message: "Choose a commissioner's office asked to pay a share of this bid",
    });
  } else if (decided.some((decision) => decision.decisionMakerOrganisationId === maker.id)) {
    errors.push({
      field: "decisionMakerOrganisationId",
      message: `${maker.name} has already decided on this bid`,
    });
  }
  if (await bidQueries.findDecisionByReference(db, input.reference)) {
    errors.push({ field: "reference", message: referenceTaken(input.reference) });
  }
  const conditions = input.conditions.trim();
  if (input.outcome === "approved-with-conditions" && conditions === "") {
    errors.push({ field: "conditions", message: "Enter the conditions of the approval" });
  } else if (input.outcome !== "approved-with-conditions" && conditions !== "") {
    errors.push({ field: "conditions", message: "Only an approval with conditions has conditions" });
  }

  const lines = input.amounts.map((line) => ({
    financialYear: parseFinancialYearLabel(line.financialYear),
    amountPence: line.amountPence,
    fundingStreamId: line.fundingStreamId ?? null,
  }));
  for (const [index, line] of lines.entries()) {
    if (!line.fundingStreamId) continue;
    const stream = await findStreamRow(db, line.fundingStreamId);
    if (!stream || !canSee(actor, stream)) {
      errors.push({
        field: `amounts.${index}.fundingStreamId`,
        message: "Choose the funding stream from those you can see",
      });
    }
  }
  const given = byYear(lines);
  if (input.outcome === "declined") {
    if (lines.length > 0) errors.push({ field: "amounts", message: "A declined share gives no money" });
    if (input.potId) errors.push({ field: "potId", message: "A declined share draws nothing from a pot" });
  } else if (maker && shares.length > 0) {
    // An approval gives at most the share asked, year by year. Giving less is a partial approval:
    // it must be an approval with conditions, whose conditions say what the smaller sum pays for.
    for (const share of shares) {
      const givenPence = given.find(([year]) => year === share.financialYear)?.[1] ?? 0;
      const asked = `${maker.name}'s share in ${financialYearLabel(share.financialYear)} is ${formatPence(share.amountPence)}`;
      if (givenPence > share.amountPence) {
        errors.push({
          field: "amounts",
          message: `${asked}; the amounts give ${formatPence(givenPence)}, more than asked`,
        });
      } else if (givenPence < share.amountPence && input.outcome === "approved") {
        errors.push({
          field: "amounts",
          message: `${asked}; the amounts give ${formatPence(givenPence)}. Approving less than asked is an approval with conditions: say in the conditions what the smaller sum pays for`,
        });
      }
    }
    if (given.every(([, givenPence]) => givenPence === 0)) {
      errors.push({
        field: "amounts",
        message: "An approval gives some money: enter the amounts, or decline the share",
      });
    }
    for (const [year, givenPence] of given) {
      if (!shares.some((share) => share.financialYear === year)) {
        errors.push({
          field: "amounts",
          message: `${maker.name} has no share in ${financialYearLabel(year)}; the amounts give ${formatPence(givenPence)}`,
        });
      }
    }
  }
  const pot = input.potId ? await bidQueries.findPot(db, input.potId) : undefined;
  if (input.potId && input.outcome !== "declined") {
    if (!pot || !can(actor, "funding.read", potRecord(pot))) {
      errors.push({ field: "potId", message: "Choose the pot from those you can see" });
    } else {
      const contributors = await bidQueries.potContributorsOf(db, [pot.id]);
      if (maker && !contributors.some((contributor) => contributor.organisationId === maker.id)) {
        errors.push({ field: "potId", message: `${maker.name} does not contribute to ${pot.name}` });
      }
      if (pot.crimeAreas.length > 0 && !pot.crimeAreas.includes(bid.crimeArea)) {
        errors.push({
          field: "potId",
          message: `${pot.name} pays for ${pot.crimeAreas.join(", ")} crime projects; this bid is ${bid.crimeArea}`,
        });
      }
    }
  }
  if (errors.length > 0 || !maker) throw validationError(errors);

  const id = await withUniqueName("funding_decisions_reference_key", referenceTaken(input.reference), () =>
    db.transaction(async (tx) => {
      // Bid first, then pot: every writer takes the locks in this order.
      const current = await loadBid(tx, actor, bidId, true);
      if (current.status !== "recommended") {
        throw new AppError(
          "conflict",
          `The bid is ${current.status}: commissioners decide on a recommended bid`,
        );
      }
      if (pot && input.outcome !== "declined") {
        const locked = await loadPot(tx, actor, pot.id, true);
        await assertPotCovers(tx, locked, given);
      }
      const [created] = await tx
        .insert(fundingDecisions)
        .values({
          reference: input.reference,
          bidId,
          decisionMakerOrganisationId: maker.id,
          forceId: maker.forceId,
          regionId: maker.regionId,
          decidedOn: input.decidedOn,
          outcome: input.outcome,
          conditions,
          publishedSummary: input.publishedSummary,
          potId: input.outcome === "declined" ? null : (input.potId ?? null),
          classification: bid.classification,
          recordedBy: actor.id,
        })
        .returning();
      if (!created) throw new Error("insert returned no row");
      if (lines.length > 0) {
        await tx
          .insert(fundingDecisionAmounts)
          .values(lines.map((line, index) => ({ decisionId: created.id, position: index + 1, ...line })));
      }
      await recordAudit(tx, context, {
        action: "funding-decision.create",
        entityType: "funding-decision",
        entityId: created.id,
        forceId: created.forceId,
        regionId: created.regionId,
        classification: created.classification,
        changes: {
          reference: { after: created.reference },
          bidId: { after: bidId },
          decisionMakerOrganisationId: { after: maker.id },
          decidedOn: { after: created.decidedOn },
          outcome: { after: created.outcome },
          amounts: { after: input.amounts },
          conditions: { after: conditions },
          potId: { after: created.potId },
        },
      });
      const makers = [
        ...new Set(
          (await bidQueries.sharesOf(tx, [bidId])).map((share) => share.decisionMakerOrganisationId),
        ),
      ];
      const settled = outcomeOfDecisions(makers, await bidQueries.decisionsOnBids(tx, [bidId]));
      if (settled) await recordStep(tx, context, current, settled, "decisions", input.reference);
      return created.id;
    }),
  );
  return getDecision(db, context, id);
}
