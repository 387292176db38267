import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lte,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { actorOf, changedFields, type RequestContext, recordAudit } from "#src/audit/audit.ts";
import {
  type Actor,
  type Classification,
  can,
  canSee,
  type OwnedRecord,
  visibleTo,
} from "#src/auth/policy.ts";
import { highestClassification } from "#src/auth/vocabulary.ts";
import type { Db, Queryable } from "#src/db/database.ts";
import {
  fundingFormulas,
  fundingPosts,
  fundingSettlements,
  fundingStreams,
  organisations,
} from "#src/db/schema.ts";
import { AppError, type FieldError, forbidden, notFound } from "#src/lib/errors.ts";
import { formatPence } from "#src/lib/money.ts";
import { containsPattern, offsetOf } from "#src/lib/paging.ts";
import {
  financialYearLabel,
  financialYearLastDay,
  financialYearOf,
  parseFinancialYearLabel,
  ukToday,
} from "#src/lib/periods.ts";
import type {
  CreatePostInput,
  CreateSettlementInput,
  ListPostsQuery,
  PostView,
  ReconciliationQuery,
  ReconciliationView,
  SettlementView,
  UpdatePostInput,
} from "./posts-schema.ts";
import * as queries from "./queries.ts";
import { daysInFinancialYear, daysInPost, formatFte, postCostInYear, reconcile } from "./reconciliation.ts";
import { loadFormula, shareTree, validationError } from "./service.ts";

// Staffing posts (docs/funding.md, "Staffing contributions"; decision 008). A post belongs to the
// force that provides it; every force that pays a part of its formula reads it too, so the finance
// leads reconciling contributions see the same posts. Only the providing side changes it.

type PostRow = typeof fundingPosts.$inferSelect;

const postRecord = (post: PostRow, partyForces: readonly string[]): OwnedRecord => ({
  forceId: post.forceId,
  regionId: post.regionId,
  classification: post.classification,
  sharedWithForces: partyForces,
});

const visiblePosts = (actor: Actor) =>
  visibleTo(actor, {
    forceId: fundingPosts.forceId,
    regionId: fundingPosts.regionId,
    classification: fundingPosts.classification,
    sharedWithForces: fundingFormulas.partyForces,
  });

/** Filled at some time in the financial year: started by its last day, not ended before its first. */
const filledIn = (year: number) =>
  and(
    lte(fundingPosts.startsOn, financialYearLastDay(year)),
    or(isNull(fundingPosts.endsOn), gte(fundingPosts.endsOn, `${year}-04-01`)),
  ) as SQL;

/** postCostInYear in SQL, for totals over every page: numeric round() takes a half penny up. */
const costInYearSql = (year: number) => sql`round(
  ${fundingPosts.annualCostPence}::numeric * ${fundingPosts.fteBp}
  * (least(coalesce(${fundingPosts.endsOn}, ${financialYearLastDay(year)}::date), ${financialYearLastDay(year)}::date)
     - greatest(${fundingPosts.startsOn}, ${`${year}-04-01`}::date) + 1)
  / ${10_000 * daysInFinancialYear(year)})`;

const costing = (post: PostRow) => ({
  annualCostPence: post.annualCostPence,
  fteBasisPoints: post.fteBp,
  startsOn: post.startsOn,
  endsOn: post.endsOn,
});

/** Each financial year the post is filled, to its end or else the current year. */
function yearsOf(post: PostRow): PostView["years"] {
  const first = financialYearOf(post.startsOn);
  const last = Math.max(first, financialYearOf(post.endsOn ?? ukToday()));
  return Array.from({ length: last - first + 1 }, (_, index) => {
    const year = first + index;
    const costPence = postCostInYear(costing(post), year);
    return {
      financialYear: financialYearLabel(year),
      daysInPost: daysInPost(post, year),
      daysInYear: daysInFinancialYear(year),
      costPence,
      cost: formatPence(costPence),
    };
  });
}

async function namesOf(db: Queryable, rows: readonly PostRow[]) {
  const [parties, formulas, streams] = await Promise.all([
    queries.organisationsWithIds(db, [...new Set(rows.map((row) => row.organisationId))]),
    queries.formulasWithIds(db, [...new Set(rows.map((row) => row.formulaId))]),
    streamNames(
      db,
      rows.flatMap((row) => (row.fundingStreamId ? [row.fundingStreamId] : [])),
    ),
  ]);
  return { parties, formulas, streams };
}

async function streamNames(db: Queryable, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: fundingStreams.id, name: fundingStreams.name })
    .from(fundingStreams)
    .where(inArray(fundingStreams.id, [...new Set(ids)]));
}

async function presentPosts(db: Queryable, rows: readonly PostRow[]): Promise<PostView[]> {
  const { parties, formulas, streams } = await namesOf(db, rows);
  const named = (list: readonly { id: string; name: string }[], id: string) => ({
    id,
    name: list.find((item) => item.id === id)?.name ?? id,
  });
  return rows.map((row) => ({
    id: row.id,
    roleTitle: row.roleTitle,
    organisation: named(parties, row.organisationId),
    forceId: row.forceId,
    regionId: row.regionId,
    formula: named(formulas, row.formulaId),
    fundingSource: row.fundingStreamId ? "stream" : "force-contribution",
    fundingStream: row.fundingStreamId ? named(streams, row.fundingStreamId) : null,
    fteBasisPoints: row.fteBp,
    fte: formatFte(row.fteBp),
    annualCostPence: row.annualCostPence,
    annualCost: formatPence(row.annualCostPence),
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    years: yearsOf(row),
    notes: row.notes,
    classification: row.classification,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

async function loadPost(
  db: Queryable,
  actor: Actor,
  id: string,
  permission: "funding.read" | "funding.manage",
) {
  const [found] = await db
    .select({ post: fundingPosts, partyForces: fundingFormulas.partyForces })
    .from(fundingPosts)
    .innerJoin(fundingFormulas, eq(fundingFormulas.id, fundingPosts.formulaId))
    .where(eq(fundingPosts.id, id));
  if (!found || !can(actor, "funding.read", postRecord(found.post, found.partyForces))) {
    throw notFound("Post");
  }
  if (permission === "funding.manage" && !can(actor, "funding.manage", postRecord(found.post, []))) {
    throw forbidden("Only finance users of the force that provides the post (or its region) can change it");
  }
  return found.post;
}

export async function getPost(db: Db, context: RequestContext, id: string): Promise<PostView> {
  const post = await loadPost(db, actorOf(context), id, "funding.read");
  const [view] = await presentPosts(db, [post]);
  if (!view) throw notFound("Post");
  return view;
}

const bigintOf = (text: string | null | undefined) => BigInt(text ?? "0");

function safePence(total: bigint): number {
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new AppError("validation", "The listed posts add up to more than can be held exactly: filter them");
  }
  return Number(total);
}

export async function listPosts(db: Db, context: RequestContext, query: ListPostsQuery) {
  const actor = actorOf(context);
  if (!can(actor, "funding.read")) throw forbidden();
  const year = query.financialYear ? parseFinancialYearLabel(query.financialYear) : null;
  const conditions: SQL[] = [visiblePosts(actor)];
  if (query.q) {
    conditions.push(sql`${fundingPosts.roleTitle} ILIKE ${containsPattern(query.q)}`);
  }
  if (query.organisationId) conditions.push(eq(fundingPosts.organisationId, query.organisationId));
  if (query.formulaId) conditions.push(eq(fundingPosts.formulaId, query.formulaId));
  if (year !== null) conditions.push(filledIn(year));
  if (query.fundingSource === "force-contribution") conditions.push(isNull(fundingPosts.fundingStreamId));
  if (query.fundingSource === "stream") conditions.push(isNotNull(fundingPosts.fundingStreamId));
  if (query.fundingStreamId) conditions.push(eq(fundingPosts.fundingStreamId, query.fundingStreamId));
  const where = and(...conditions);
  const byTitle = asc(sql`lower(${fundingPosts.roleTitle})`);
  const order = {
    roleTitle: [byTitle],
    "-roleTitle": [desc(sql`lower(${fundingPosts.roleTitle})`)],
    organisation: [asc(organisations.name), byTitle],
    "-organisation": [desc(organisations.name), byTitle],
    annualCost: [asc(fundingPosts.annualCostPence), byTitle],
    "-annualCost": [desc(fundingPosts.annualCostPence), byTitle],
    startsOn: [asc(fundingPosts.startsOn), byTitle],
    "-startsOn": [desc(fundingPosts.startsOn), byTitle],
  }[query.sort];
  const from = () =>
    db
      .select({ post: fundingPosts })
      .from(fundingPosts)
      .innerJoin(fundingFormulas, eq(fundingFormulas.id, fundingPosts.formulaId))
      .innerJoin(organisations, eq(organisations.id, fundingPosts.organisationId));
  const [rows, [totals]] = await Promise.all([
    from()
      .where(where)
      .orderBy(...order, asc(fundingPosts.id))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    // Sums as text: pg gives numeric sums as strings and PGlite may not; text is the same from both.
    db
      .select({
        total: count(),
        fte: sql<string>`coalesce(sum(${fundingPosts.fteBp}), 0)::text`,
        annual: sql<string>`coalesce(sum(${fundingPosts.annualCostPence}), 0)::text`,
        yearCost:
          year === null ? sql<null>`null` : sql<string>`coalesce(sum(${costInYearSql(year)}), 0)::text`,
      })
      .from(fundingPosts)
      .innerJoin(fundingFormulas, eq(fundingFormulas.id, fundingPosts.formulaId))
      .where(where),
  ]);
  const fteBasisPoints = Number(totals?.fte ?? 0);
  const annualCostPence = safePence(bigintOf(totals?.annual));
  const yearCostPence = year === null ? null : safePence(bigintOf(totals?.yearCost));
  return {
    items: await presentPosts(
      db,
      rows.map((row) => row.post),
    ),
    total: Number(totals?.total ?? 0),
    page: query.page,
    pageSize: query.pageSize,
    totals: {
      fteBasisPoints,
      fte: formatFte(fteBasisPoints),
      annualCostPence,
      annualCost: formatPence(annualCostPence),
      yearCostPence,
      yearCost: yearCostPence === null ? null : formatPence(yearCostPence),
    },
  };
}

const readable = (date: string) =>
  new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${date}T00:00:00Z`));

/**
 * Checks a post's fields against each other and the database, reporting every problem at once:
 * the providing force must exist and pay a part of the formula, the formula and stream must be
 * ones the actor sees, and the post cannot end before it starts.
 */
async function resolvePost(db: Queryable, actor: Actor, input: CreatePostInput) {
  const errors: FieldError[] = [];
  const [[party], [formula]] = await Promise.all([
    queries.organisationsWithIds(db, [input.organisationId]),
    queries.formulasWithIds(db, [input.formulaId]),
  ]);
  const formulaSeen =
    formula !== undefined &&
    canSee(actor, {
      forceId: formula.forceId,
      regionId: formula.regionId,
      classification: formula.classification,
      sharedWithForces: formula.partyForces,
    });
  if (party?.kind !== "force" || !party.forceId) {
    errors.push({ field: "organisationId", message: "Choose the force that provides the post" });
  } else if (formula && formulaSeen && !formula.partyForces.includes(party.forceId)) {
    errors.push({ field: "organisationId", message: `${party.name} pays no part of ${formula.name}` });
  }
  if (!formulaSeen) {
    errors.push({ field: "formulaId", message: "Choose the formula from those you can see" });
  }
  if (input.fundingStreamId) {
    const stream = await queries.findStreamRow(db, input.fundingStreamId);
    if (!stream || !canSee(actor, stream)) {
      errors.push({ field: "fundingStreamId", message: "Choose the funding stream from those you can see" });
    }
  }
  if (input.endsOn !== null && input.endsOn < input.startsOn) {
    errors.push({
      field: "endsOn",
      message: `The end date must be on or after the start date, ${readable(input.startsOn)}`,
    });
  }
  // Every message in the detail, so the error summary need not repeat the first above the list.
  if (errors.length > 0 || !party) {
    throw new AppError("validation", errors.map((error) => error.message).join(". "), { fields: errors });
  }
  const columns = {
    roleTitle: input.roleTitle,
    organisationId: party.id,
    forceId: party.forceId,
    regionId: party.regionId,
    formulaId: input.formulaId,
    fundingStreamId: input.fundingStreamId,
    fteBp: input.fteBasisPoints,
    annualCostPence: input.annualCostPence,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    notes: input.notes,
    classification: input.classification,
  };
  if (!can(actor, "funding.manage", ownedBy(columns))) {
    throw forbidden("You can only record posts of a force in your scope, up to your clearance");
  }
  return columns;
}

const ownedBy = (record: {
  forceId: string | null;
  regionId: string | null;
  classification: Classification;
}) => ({
  forceId: record.forceId,
  regionId: record.regionId,
  classification: record.classification,
});

const auditedFields = [
  "roleTitle",
  "organisationId",
  "forceId",
  "regionId",
  "formulaId",
  "fundingStreamId",
  "fteBp",
  "annualCostPence",
  "startsOn",
  "endsOn",
  "notes",
  "classification",
] as const;

const postAudit = (post: PostRow, verb: string, before: PostRow | null) => ({
  action: `funding-post.${verb}`,
  entityType: "funding-post",
  entityId: post.id,
  forceId: post.forceId,
  regionId: post.regionId,
  classification: post.classification,
  changes: changedFields(before, post, auditedFields),
});

export async function createPost(db: Db, context: RequestContext, input: CreatePostInput): Promise<PostView> {
  const actor = actorOf(context);
  if (!can(actor, "funding.manage")) throw forbidden();
  const columns = await resolvePost(db, actor, input);
  const id = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(fundingPosts)
      .values({ ...columns, createdBy: actor.id })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await recordAudit(tx, context, postAudit(created, "create", null));
    return created.id;
  });
  return getPost(db, context, id);
}

export async function updatePost(
  db: Db,
  context: RequestContext,
  id: string,
  input: UpdatePostInput,
): Promise<PostView> {
  const actor = actorOf(context);
  const before = await loadPost(db, actor, id, "funding.manage");
  const columns = await resolvePost(db, actor, {
    roleTitle: input.roleTitle ?? before.roleTitle,
    organisationId: input.organisationId ?? before.organisationId,
    formulaId: input.formulaId ?? before.formulaId,
    fundingStreamId: input.fundingStreamId === undefined ? before.fundingStreamId : input.fundingStreamId,
    fteBasisPoints: input.fteBasisPoints ?? before.fteBp,
    annualCostPence: input.annualCostPence ?? before.annualCostPence,
    startsOn: input.startsOn ?? before.startsOn,
    endsOn: input.endsOn === undefined ? before.endsOn : input.endsOn,
    notes: input.notes ?? before.notes,
    classification: input.classification ?? before.classification,
  });
  if (Object.keys(changedFields(before, { ...before, ...columns }, auditedFields)).length === 0) {
    return getPost(db, context, id);
  }
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(fundingPosts)
      .set({ ...columns, updatedAt: new Date() })
      .where(eq(fundingPosts.id, id))
      .returning();
    if (!after) throw notFound("Post");
    await recordAudit(tx, context, postAudit(after, "update", before));
  });
  return getPost(db, context, id);
}

const method =
  "Each post costs its annual cost × FTE × the days it is filled in the year ÷ the days in the year, to the nearest penny (a half penny up). A force's actual is the sum of its posts paid from its own contribution; its due share is the total split by the formula (largest remainder, ties to the part listed first). The transfers settle every balance with the fewest payments.";

type FormulaRow = Awaited<ReturnType<typeof loadFormula>>;
type SettlementRow = typeof fundingSettlements.$inferSelect;

const inWords = (isoDate: string) =>
  new Date(`${isoDate}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });

/** The formula's settlement payments for the year, with the forces' names, in the order paid. */
async function settlementsOf(db: Queryable, formula: FormulaRow, year: number) {
  const rows = await db
    .select()
    .from(fundingSettlements)
    .where(and(eq(fundingSettlements.formulaId, formula.id), eq(fundingSettlements.financialYear, year)))
    .orderBy(asc(fundingSettlements.paidOn), asc(fundingSettlements.createdAt));
  const ids = [...new Set(rows.flatMap((row) => [row.fromOrganisationId, row.toOrganisationId]))];
  const names = new Map(
    ids.length === 0
      ? []
      : (
          await db
            .select({ id: organisations.id, name: organisations.name })
            .from(organisations)
            .where(inArray(organisations.id, ids))
        ).map((organisation) => [organisation.id, organisation.name]),
  );
  const named = (id: string) => ({ id, name: names.get(id) ?? id });
  return rows.map((row) => ({ row, from: named(row.fromOrganisationId), to: named(row.toOrganisationId) }));
}

function settlementView(
  formula: FormulaRow,
  { row, from, to }: Awaited<ReturnType<typeof settlementsOf>>[number],
): SettlementView {
  return {
    id: row.id,
    formula: { id: formula.id, name: formula.name },
    financialYear: financialYearLabel(row.financialYear),
    from,
    to,
    amountPence: row.amountPence,
    amount: formatPence(row.amountPence),
    paidOn: row.paidOn,
    reference: row.reference,
    note: row.note,
    sentence: `${from.name} paid ${to.name} ${formatPence(row.amountPence)} on ${inWords(row.paidOn)}`,
    recordedAt: row.createdAt.toISOString(),
  };
}

/**
 * The formula's contributions in a year as the actor sees them: the posts paid from forces' own
 * contributions that they can see, and the settlement payments already made.
 */
async function contributionsOf(db: Queryable, actor: Actor, formula: FormulaRow, year: number) {
  const { tree, version } = await shareTree(db, formula, year);
  const rows = await db
    .select({ post: fundingPosts, partyName: organisations.name })
    .from(fundingPosts)
    .innerJoin(fundingFormulas, eq(fundingFormulas.id, fundingPosts.formulaId))
    .innerJoin(organisations, eq(organisations.id, fundingPosts.organisationId))
    .where(
      and(
        eq(fundingPosts.formulaId, formula.id),
        isNull(fundingPosts.fundingStreamId),
        filledIn(year),
        visiblePosts(actor),
      ),
    )
    .orderBy(asc(fundingPosts.startsOn), asc(fundingPosts.id));
  const payments = await settlementsOf(db, formula, year);
  const result = reconcile(
    tree,
    rows.map(({ post, partyName }) => ({
      id: post.id,
      party: { id: post.organisationId, name: partyName },
      fteBasisPoints: post.fteBp,
      costPence: postCostInYear(costing(post), year),
    })),
    (party) => party.id,
    payments.map((payment) => ({ from: payment.from, to: payment.to, amountPence: payment.row.amountPence })),
  );
  const classification = rows.reduce(
    (highest, { post }) => highestClassification(highest, post.classification),
    formula.classification,
  );
  return { version, result, payments, classification };
}

/**
 * Each force's staffing contribution to the formula in a financial year against its share, the
 * settlement payments made, and who still owes whom. Counts the posts paid from forces' own
 * contributions that the reader can see.
 */
export async function reconcileContributions(
  db: Db,
  context: RequestContext,
  query: Pick<ReconciliationQuery, "formulaId" | "financialYear">,
): Promise<ReconciliationView> {
  const actor = actorOf(context);
  const formula = await loadFormula(db, actor, query.formulaId, "funding.read");
  const year = parseFinancialYearLabel(query.financialYear);
  const { version, result, payments, classification } = await contributionsOf(db, actor, formula, year);
  return {
    formula: {
      id: formula.id,
      name: formula.name,
      forceId: formula.forceId,
      regionId: formula.regionId,
      classification: formula.classification,
    },
    financialYear: financialYearLabel(year),
    versionFinancialYear: financialYearLabel(version.financialYear),
    decisionReference: version.decisionReference,
    classification,
    totalPence: result.totalPence,
    total: formatPence(result.totalPence),
    rows: result.rows.map((row) => ({
      party: row.party,
      via: row.via,
      shareBasisPoints: row.shareBasisPoints,
      share: row.share,
      postIds: row.postIds,
      fteBasisPoints: row.fteBasisPoints,
      fte: formatFte(row.fteBasisPoints),
      actualPence: row.actualPence,
      actual: formatPence(row.actualPence),
      duePence: row.duePence,
      due: formatPence(row.duePence),
      paidPence: row.paidPence,
      paid: formatPence(row.paidPence),
      receivedPence: row.receivedPence,
      received: formatPence(row.receivedPence),
      balancePence: row.balancePence,
      balance: formatPence(row.balancePence),
    })),
    transfers: result.transfers.map((transfer) => ({
      from: transfer.from,
      to: transfer.to,
      amountPence: transfer.amountPence,
      amount: formatPence(transfer.amountPence),
      sentence: `${transfer.from.name} owes ${transfer.to.name} ${formatPence(transfer.amountPence)}`,
    })),
    payments: payments.map((payment) => settlementView(formula, payment)),
    method,
  };
}

/**
 * Records a payment one force made another to settle its contribution to the formula in a year.
 * It may settle no more than the payer owes and the payee is owed, as the reconciliation stands
 * (worked out under a lock on the formula, so two payments cannot both settle the same balance).
 */
export async function recordSettlement(
  db: Db,
  context: RequestContext,
  input: CreateSettlementInput,
): Promise<SettlementView> {
  const actor = actorOf(context);
  if (!can(actor, "funding.manage")) throw forbidden();
  const formula = await loadFormula(db, actor, input.formulaId, "funding.manage");
  const year = parseFinancialYearLabel(input.financialYear);
  const id = await db.transaction(async (tx) => {
    await tx
      .select({ id: fundingFormulas.id })
      .from(fundingFormulas)
      .where(eq(fundingFormulas.id, formula.id))
      .for("update");
    const { result } = await contributionsOf(tx, actor, formula, year);
    const rowOf = (organisationId: string) => result.rows.find((row) => row.party.id === organisationId);
    const from = rowOf(input.fromOrganisationId);
    const to = rowOf(input.toOrganisationId);
    const errors: FieldError[] = [];
    const yearLabel = financialYearLabel(year);
    if (!from) {
      errors.push({
        field: "fromOrganisationId",
        message: `Choose a force that contributes to ${formula.name}`,
      });
    } else if (from.balancePence >= 0) {
      errors.push({
        field: "fromOrganisationId",
        message: `${from.party.name} owes nothing for ${yearLabel}`,
      });
    }
    if (!to) {
      errors.push({
        field: "toOrganisationId",
        message: `Choose a force that contributes to ${formula.name}`,
      });
    } else if (input.toOrganisationId === input.fromOrganisationId) {
      errors.push({ field: "toOrganisationId", message: "Choose a force other than the one that paid" });
    } else if (to.balancePence <= 0) {
      errors.push({
        field: "toOrganisationId",
        message: `${to.party.name} is owed nothing for ${yearLabel}`,
      });
    }
    if (from && to && from.balancePence < 0 && to.balancePence > 0) {
      const most = Math.min(-from.balancePence, to.balancePence);
      if (input.amountPence > most) {
        errors.push({
          field: "amountPence",
          message: `${from.party.name} owes ${formatPence(-from.balancePence)} and ${to.party.name} is owed ${formatPence(to.balancePence)} for ${yearLabel}; a payment between them settles at most ${formatPence(most)}`,
        });
      }
    }
    if (input.paidOn > ukToday()) {
      errors.push({ field: "paidOn", message: "The date of the payment cannot be in the future" });
    }
    if (errors.length > 0) throw validationError(errors);
    const [created] = await tx
      .insert(fundingSettlements)
      .values({
        formulaId: formula.id,
        financialYear: year,
        fromOrganisationId: input.fromOrganisationId,
        toOrganisationId: input.toOrganisationId,
        amountPence: input.amountPence,
        paidOn: input.paidOn,
        reference: input.reference,
        note: input.note,
        recordedBy: actor.id,
      })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await recordAudit(tx, context, {
      action: "funding-settlement.create",
      entityType: "funding-settlement",
      entityId: created.id,
      forceId: formula.forceId,
      regionId: formula.regionId,
      classification: formula.classification,
      changes: changedFields(null, created, settlementAuditedFields),
    });
    return created.id;
  });
  const found = (await settlementsOf(db, formula, year)).find((payment) => payment.row.id === id);
  if (!found) throw notFound("Settlement payment");
  return settlementView(formula, found);
}

const settlementAuditedFields = [
  "formulaId",
  "financialYear",
  "fromOrganisationId",
  "toOrganisationId",
  "amountPence",
  "paidOn",
  "reference",
  "note",
] as const satisfies readonly (keyof SettlementRow)[];
