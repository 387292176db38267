import { eq } from "drizzle-orm";
import {
  type AuditEventInput,
  actorOf,
  changedFields,
  type RequestContext,
  recordAudit,
} from "#src/audit/audit.ts";
import { type Actor, type Classification, can, canSee, type OwnedRecord } from "#src/auth/policy.ts";
import type { Db, Queryable } from "#src/db/database.ts";
import {
  type AuditChanges,
  fundingFormulaParts,
  fundingFormulas,
  fundingFormulaVersions,
  fundingStreamAmounts,
  fundingStreams,
} from "#src/db/schema.ts";
import { AppError, type FieldError, forbidden, notFound } from "#src/lib/errors.ts";
import { checkShares, formatPence, formatShare, type ShareTree, splitByTree } from "#src/lib/money.ts";
import { financialYearLabel, financialYearOf, parseFinancialYearLabel, ukToday } from "#src/lib/periods.ts";
import * as queries from "./queries.ts";
import type {
  CreateFormulaInput,
  CreateFormulaVersionInput,
  CreateStreamInput,
  FormulaPartInput,
  FormulaView,
  ListFormulasQuery,
  ListStreamsQuery,
  SplitInput,
  SplitView,
  StreamView,
  UpdateStreamInput,
} from "./schema.ts";
import { fundingSourceNames } from "./vocabulary.ts";

// Decision 006: a formula or stream belongs to its owner's (or recipient's) force and region;
// forces that pay a part of a formula read it too. Only the owner's side changes it.

const formulaRecord = (formula: queries.FormulaRow): OwnedRecord => ({
  forceId: formula.forceId,
  regionId: formula.regionId,
  classification: formula.classification,
  sharedWithForces: formula.partyForces,
});

const ownedBy = (record: {
  forceId: string | null;
  regionId: string | null;
  classification: Classification;
}) => ({
  forceId: record.forceId,
  regionId: record.regionId,
  classification: record.classification,
});

export function validationError(errors: FieldError[]): AppError {
  return new AppError("validation", errors[0]?.message ?? "The request has errors", { fields: errors });
}

/** Whether a failed write hit this unique index (drivers wrap their errors as causes). */
function isUniqueClash(error: unknown, constraintName: string): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const { code, constraint } = cause as Error & { code?: unknown; constraint?: unknown };
    if (code === "23505" && constraint === constraintName) return true;
  }
  return false;
}

/** A name taken between our check and our write (two people racing) is the same field error. */
export async function withUniqueName<T>(
  constraint: string,
  message: string,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueClash(error, constraint)) throw error;
    throw validationError([{ field: "name", message }]);
  }
}

async function findOwner(db: Queryable, organisationId: string) {
  const [organisation] = await queries.organisationsWithIds(db, [organisationId]);
  return organisation;
}

// --- Formulas ---

async function presentFormulas(db: Queryable, rows: queries.FormulaRow[]): Promise<FormulaView[]> {
  const versions = await queries.versionsOf(
    db,
    rows.map((row) => row.id),
  );
  const parts = await queries.partsOf(
    db,
    versions.map((version) => version.id),
  );
  const owners = await queries.organisationsWithIds(db, [
    ...new Set(rows.map((row) => row.ownerOrganisationId)),
  ]);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    scopeDescription: row.scopeDescription,
    owner: {
      id: row.ownerOrganisationId,
      name: owners.find((owner) => owner.id === row.ownerOrganisationId)?.name ?? row.ownerOrganisationId,
    },
    forceId: row.forceId,
    regionId: row.regionId,
    versions: versions
      .filter((version) => version.formulaId === row.id)
      .map((version) => ({
        id: version.id,
        financialYear: financialYearLabel(version.financialYear),
        decisionReference: version.decisionReference,
        notes: version.notes,
        parts: parts
          .filter((part) => part.versionId === version.id)
          .map((part) => ({
            position: part.position,
            shareBasisPoints: part.shareBp,
            share: formatShare(part.shareBp),
            party:
              part.partyOrganisationId && part.partyName
                ? { id: part.partyOrganisationId, name: part.partyName }
                : null,
            nestedFormula:
              part.nestedFormulaId && part.nestedFormulaName
                ? { id: part.nestedFormulaId, name: part.nestedFormulaName }
                : null,
          })),
        createdAt: version.createdAt.toISOString(),
      })),
    classification: row.classification,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

/** Loads a formula the actor may see; anything else looks like it does not exist. */
export async function loadFormula(
  db: Db,
  actor: Actor,
  id: string,
  permission: "funding.read" | "funding.manage",
) {
  const formula = await queries.findFormulaRow(db, id);
  if (!formula || !can(actor, "funding.read", formulaRecord(formula))) throw notFound("Formula");
  if (permission === "funding.manage" && !can(actor, "funding.manage", ownedBy(formula))) {
    throw forbidden("Only finance users of the formula's owner (or its region) can change it");
  }
  return formula;
}

export async function listFormulas(db: Db, context: RequestContext, query: ListFormulasQuery) {
  const actor = actorOf(context);
  if (!can(actor, "funding.read")) throw forbidden();
  const year = query.financialYear ? parseFinancialYearLabel(query.financialYear) : null;
  const { rows, total } = await queries.listFormulas(db, actor, query, year);
  return { items: await presentFormulas(db, rows), total, page: query.page, pageSize: query.pageSize };
}

export async function getFormula(db: Db, context: RequestContext, id: string): Promise<FormulaView> {
  const formula = await loadFormula(db, actorOf(context), id, "funding.read");
  const [view] = await presentFormulas(db, [formula]);
  if (!view) throw notFound("Formula");
  return view;
}

/**
 * Checks a version's parts and reports every problem at once, naming the field: shares that do
 * not total 100%, unknown or repeated parties, nested formulas the actor cannot see, that have no
 * shares in effect in the year, or that would make the formula contain itself. Returns the forces
 * that end up paying a part (directly or through nested formulas), who then read the formula.
 */
async function resolveParts(
  db: Queryable,
  actor: Actor,
  parts: readonly FormulaPartInput[],
  year: number,
  formulaId: string | null,
): Promise<{ errors: FieldError[]; partyForces: string[] }> {
  const errors: FieldError[] = [];
  const shareProblem = checkShares(parts.map((part) => part.shareBasisPoints));
  if (shareProblem) errors.push({ field: "parts", message: shareProblem });

  const partyIds = parts.flatMap((part) => (part.partyOrganisationId ? [part.partyOrganisationId] : []));
  const nestedIds = parts.flatMap((part) => (part.nestedFormulaId ? [part.nestedFormulaId] : []));
  const parties = await queries.organisationsWithIds(db, partyIds);
  const nested = await queries.formulasWithIds(db, nestedIds);
  const reachable = formulaId ? await queries.formulasReachableFrom(db, nestedIds) : [];
  const seen = new Set<string>();
  for (const [index, part] of parts.entries()) {
    if (part.partyOrganisationId) {
      const field = `parts.${index}.partyOrganisationId`;
      const party = parties.find((organisation) => organisation.id === part.partyOrganisationId);
      if (!party) errors.push({ field, message: "Choose the party from the list of organisations" });
      else if (seen.has(party.id)) errors.push({ field, message: `${party.name} is listed more than once` });
      seen.add(part.partyOrganisationId);
    }
    if (part.nestedFormulaId) {
      const field = `parts.${index}.nestedFormulaId`;
      const formula = nested.find((row) => row.id === part.nestedFormulaId);
      if (!formula || !canSee(actor, formulaRecord(formula))) {
        errors.push({ field, message: "Choose the nested formula from those you can see" });
      } else if (seen.has(formula.id)) {
        errors.push({ field, message: `${formula.name} is listed more than once` });
      } else if (formula.id === formulaId || (formulaId !== null && reachable.includes(formulaId))) {
        errors.push({
          field,
          message: `${formula.name} already includes this formula: a formula cannot contain itself`,
        });
      } else if (!(await queries.versionInEffect(db, formula.id, year))) {
        errors.push({
          field,
          message: `${formula.name} has no shares decided for ${financialYearLabel(year)} or before`,
        });
      }
      seen.add(part.nestedFormulaId);
    }
  }
  const partyForces = [
    ...parties.flatMap((party) => (party.forceId ? [party.forceId] : [])),
    ...nested.flatMap((formula) => formula.partyForces),
  ];
  return { errors, partyForces: [...new Set(partyForces)].sort() };
}

const auditedFormulaFields = [
  "name",
  "scopeDescription",
  "ownerOrganisationId",
  "forceId",
  "regionId",
  "partyForces",
  "classification",
] as const;

function formulaAudit(formula: queries.FormulaRow, verb: string, changes: AuditChanges): AuditEventInput {
  return {
    action: `funding-formula.${verb}`,
    entityType: "funding-formula",
    entityId: formula.id,
    forceId: formula.forceId,
    regionId: formula.regionId,
    classification: formula.classification,
    changes,
  };
}

/** What a version's audit records: the year, the decision and every share. */
const versionChanges = (year: number, decisionReference: string, parts: readonly FormulaPartInput[]) => ({
  financialYear: { after: financialYearLabel(year) },
  decisionReference: { after: decisionReference },
  parts: { after: parts },
});

async function insertVersion(
  tx: Queryable,
  actor: Actor,
  formulaId: string,
  version: { year: number; decisionReference: string; notes: string; parts: readonly FormulaPartInput[] },
) {
  const [created] = await tx
    .insert(fundingFormulaVersions)
    .values({
      formulaId,
      financialYear: version.year,
      decisionReference: version.decisionReference,
      notes: version.notes,
      createdBy: actor.id,
    })
    .returning();
  if (!created) throw new Error("insert returned no row");
  await tx.insert(fundingFormulaParts).values(
    version.parts.map((part, index) => ({
      versionId: created.id,
      position: index + 1,
      partyOrganisationId: part.partyOrganisationId ?? null,
      nestedFormulaId: part.nestedFormulaId ?? null,
      shareBp: part.shareBasisPoints,
    })),
  );
}

const nameTaken = (name: string) => `A formula named ${name} already exists`;

export async function createFormula(
  db: Db,
  context: RequestContext,
  input: CreateFormulaInput,
): Promise<FormulaView> {
  const actor = actorOf(context);
  if (!can(actor, "funding.manage")) throw forbidden();
  const year = parseFinancialYearLabel(input.financialYear);
  const errors: FieldError[] = [];
  const owner = await findOwner(db, input.ownerOrganisationId);
  if (!owner)
    errors.push({ field: "ownerOrganisationId", message: "Choose who keeps the formula from the list" });
  if (await queries.findFormulaByName(db, input.name, null)) {
    errors.push({ field: "name", message: nameTaken(input.name) });
  }
  const resolved = await resolveParts(db, actor, input.parts, year, null);
  errors.push(...resolved.errors);
  if (errors.length > 0 || !owner) throw validationError(errors);
  const details = {
    name: input.name,
    scopeDescription: input.scopeDescription,
    ownerOrganisationId: owner.id,
    forceId: owner.forceId,
    regionId: owner.regionId,
    partyForces: resolved.partyForces,
    classification: input.classification,
  };
  if (!can(actor, "funding.manage", ownedBy(details))) {
    throw forbidden("You can only keep formulas for an organisation in your scope, up to your clearance");
  }
  const id = await withUniqueName("funding_formulas_name_key", nameTaken(input.name), () =>
    db.transaction(async (tx) => {
      const [created] = await tx
        .insert(fundingFormulas)
        .values({ ...details, createdBy: actor.id })
        .returning();
      if (!created) throw new Error("insert returned no row");
      await insertVersion(tx, actor, created.id, { ...input, year });
      await recordAudit(
        tx,
        context,
        formulaAudit(created, "create", {
          ...changedFields(null, created, auditedFormulaFields),
          ...versionChanges(year, input.decisionReference, input.parts),
        }),
      );
      return created.id;
    }),
  );
  return getFormula(db, context, id);
}

/** The parts of a version, as they would be sent to create it again. */
async function partsAsInput(db: Queryable, versionId: string): Promise<FormulaPartInput[]> {
  const parts = await queries.partsOf(db, [versionId]);
  return parts.map((part) =>
    part.partyOrganisationId
      ? { partyOrganisationId: part.partyOrganisationId, shareBasisPoints: part.shareBp }
      : { nestedFormulaId: part.nestedFormulaId ?? undefined, shareBasisPoints: part.shareBp },
  );
}

/**
 * Records the shares decided for another financial year. Left without parts, the version in
 * effect that year (or else the earliest) carries forward, so a board that re-approves the same
 * formula records only its decision.
 */
export async function createFormulaVersion(
  db: Db,
  context: RequestContext,
  id: string,
  input: CreateFormulaVersionInput,
): Promise<FormulaView> {
  const actor = actorOf(context);
  const formula = await loadFormula(db, actor, id, "funding.manage");
  const year = parseFinancialYearLabel(input.financialYear);
  const versions = await queries.versionsOf(db, [id]);
  if (versions.some((version) => version.financialYear === year)) {
    throw validationError([
      {
        field: "financialYear",
        message: `${formula.name} already has shares decided for ${financialYearLabel(year)}: a decision is not changed, add the next year's`,
      },
    ]);
  }
  const carried = [...versions].reverse().find((version) => version.financialYear <= year) ?? versions[0];
  const parts = input.parts ?? (carried ? await partsAsInput(db, carried.id) : []);
  const resolved = await resolveParts(db, actor, parts, year, id);
  if (resolved.errors.length > 0) throw validationError(resolved.errors);
  const partyForces = [...new Set([...formula.partyForces, ...resolved.partyForces])].sort();
  await db.transaction(async (tx) => {
    await insertVersion(tx, actor, id, { ...input, year, parts });
    const [after] = await tx
      .update(fundingFormulas)
      .set({ partyForces, updatedAt: new Date() })
      .where(eq(fundingFormulas.id, id))
      .returning();
    if (!after) throw notFound("Formula");
    await recordAudit(
      tx,
      context,
      formulaAudit(after, "add-version", {
        ...changedFields(formula, after, ["partyForces"]),
        ...versionChanges(year, input.decisionReference, parts),
      }),
    );
  });
  return getFormula(db, context, id);
}

export interface Named {
  id: string;
  name: string;
}

// Deeper than any real formula; the database already refuses cycles, this bounds a bad row.
const maxNesting = 10;

/** The formula's shares in effect in the year, with nested formulas' shares for the same year. */
export async function shareTree(
  db: Queryable,
  formula: Named,
  year: number,
  depth = 0,
): Promise<{ tree: ShareTree<Named, Named>; version: queries.FormulaVersionRow }> {
  if (depth > maxNesting) throw new Error(`formula ${formula.id} nests more than ${maxNesting} deep`);
  const version = await queries.versionInEffect(db, formula.id, year);
  if (!version) {
    throw validationError([
      {
        field: "financialYear",
        message: `${formula.name} has no shares decided for ${financialYearLabel(year)} or before`,
      },
    ]);
  }
  const parts = await queries.partsOf(db, [version.id]);
  const treeParts = await Promise.all(
    parts.map(async (part) => {
      if (part.nestedFormulaId && part.nestedFormulaName) {
        const nested = { id: part.nestedFormulaId, name: part.nestedFormulaName };
        return { share: part.shareBp, nested: (await shareTree(db, nested, year, depth + 1)).tree };
      }
      // The table's CHECK gives every part a party or a nested formula, and both joins are to keys.
      if (!part.partyOrganisationId || !part.partyName)
        throw new Error(`formula part without a party: ${version.id}`);
      return { share: part.shareBp, party: { id: part.partyOrganisationId, name: part.partyName } };
    }),
  );
  return { tree: { group: formula, parts: treeParts }, version };
}

/** What each party pays of an amount under the formula's shares for the year, exact to the penny. */
export async function splitFormula(
  db: Db,
  context: RequestContext,
  id: string,
  input: SplitInput,
): Promise<SplitView> {
  const formula = await loadFormula(db, actorOf(context), id, "funding.read");
  if (!Number.isSafeInteger(input.amountPence)) {
    throw validationError([{ field: "amountPence", message: "The amount is too large to hold exactly" }]);
  }
  const year = input.financialYear
    ? parseFinancialYearLabel(input.financialYear)
    : financialYearOf(ukToday());
  const { tree, version } = await shareTree(db, formula, year);
  return {
    formula: { id: formula.id, name: formula.name },
    financialYear: financialYearLabel(year),
    versionFinancialYear: financialYearLabel(version.financialYear),
    decisionReference: version.decisionReference,
    amountPence: input.amountPence,
    amount: formatPence(input.amountPence),
    parts: splitByTree(input.amountPence, tree).map((leaf) => ({
      party: leaf.party,
      amountPence: leaf.amount,
      amount: formatPence(leaf.amount),
      via: leaf.via,
    })),
  };
}

// --- Streams ---

const streamRecord = (stream: queries.StreamRow): OwnedRecord => ownedBy(stream);

async function presentStreams(db: Queryable, rows: queries.StreamRow[]): Promise<StreamView[]> {
  const amounts = await queries.amountsOf(
    db,
    rows.map((row) => row.id),
  );
  const recipients = await queries.organisationsWithIds(db, [
    ...new Set(rows.map((row) => row.recipientOrganisationId)),
  ]);
  return rows.map((row) => {
    const own = amounts.filter((amount) => amount.streamId === row.id);
    const totalPence = own.reduce((sum, amount) => sum + amount.amountPence, 0);
    return {
      id: row.id,
      source: row.source,
      sourceName: fundingSourceNames[row.source],
      name: row.name,
      recipient: {
        id: row.recipientOrganisationId,
        name:
          recipients.find((recipient) => recipient.id === row.recipientOrganisationId)?.name ??
          row.recipientOrganisationId,
      },
      forceId: row.forceId,
      regionId: row.regionId,
      decisionReference: row.decisionReference,
      amounts: own.map((amount) => ({
        financialYear: financialYearLabel(amount.financialYear),
        amountPence: amount.amountPence,
        amount: formatPence(amount.amountPence),
      })),
      totalPence,
      allowedCategories: row.allowedCategories,
      matchFunding:
        row.matchShareBp !== null && row.matchCategory !== null && row.matchCondition !== null
          ? {
              shareBasisPoints: row.matchShareBp,
              share: formatShare(row.matchShareBp),
              category: row.matchCategory,
              condition: row.matchCondition,
            }
          : null,
      carriesOver: row.carriesOver,
      notes: row.notes,
      classification: row.classification,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

export async function loadStream(
  db: Db,
  actor: Actor,
  id: string,
  permission: "funding.read" | "funding.manage",
) {
  const stream = await queries.findStreamRow(db, id);
  if (!stream || !can(actor, "funding.read", streamRecord(stream))) throw notFound("Funding stream");
  if (permission === "funding.manage" && !can(actor, "funding.manage", streamRecord(stream))) {
    throw forbidden("Only finance users can change money");
  }
  return stream;
}

export async function listStreams(db: Db, context: RequestContext, query: ListStreamsQuery) {
  const actor = actorOf(context);
  if (!can(actor, "funding.read")) throw forbidden();
  const year = query.financialYear ? parseFinancialYearLabel(query.financialYear) : null;
  const { rows, total, sumPence } = await queries.listStreams(db, actor, query, year);
  if (sumPence > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new AppError(
      "validation",
      "The listed streams add up to more than can be held exactly: filter them",
    );
  }
  return {
    items: await presentStreams(db, rows),
    total,
    page: query.page,
    pageSize: query.pageSize,
    sumPence: Number(sumPence),
    sum: formatPence(Number(sumPence)),
  };
}

export async function getStream(db: Db, context: RequestContext, id: string): Promise<StreamView> {
  const stream = await loadStream(db, actorOf(context), id, "funding.read");
  const [view] = await presentStreams(db, [stream]);
  if (!view) throw notFound("Funding stream");
  return view;
}

type StreamDetails = Omit<CreateStreamInput, "amounts"> & {
  amounts: { year: number; amountPence: number }[];
};

/** Checks a stream's fields against each other and the database, reporting every problem at once. */
async function resolveStream(db: Queryable, input: CreateStreamInput, exceptId: string | null) {
  const errors: FieldError[] = [];
  const recipient = await findOwner(db, input.recipientOrganisationId);
  if (!recipient) {
    errors.push({ field: "recipientOrganisationId", message: "Choose who receives the money from the list" });
  } else if (await queries.findStreamByName(db, recipient.id, input.name, exceptId)) {
    errors.push({ field: "name", message: `${recipient.name} already has a stream named ${input.name}` });
  }
  const years = input.amounts.map((amount) => parseFinancialYearLabel(amount.financialYear));
  years.forEach((year, index) => {
    if (years.indexOf(year) !== index) {
      errors.push({
        field: `amounts.${index}.financialYear`,
        message: `${financialYearLabel(year)} is listed more than once: give one amount a year`,
      });
    }
  });
  const match = input.matchFunding;
  if (match && input.allowedCategories.length > 0 && !input.allowedCategories.includes(match.category)) {
    errors.push({
      field: "matchFunding.category",
      message: `The stream may not pay for ${match.category}: add it to the allowed categories or match another`,
    });
  }
  if (errors.length > 0 || !recipient) throw validationError(errors);
  const details: StreamDetails = {
    ...input,
    allowedCategories: [...new Set(input.allowedCategories)],
    amounts: input.amounts
      .map((amount, index) => ({ year: years[index] ?? 0, amountPence: amount.amountPence }))
      .sort((a, b) => a.year - b.year),
  };
  return { details, recipient };
}

const auditedStreamFields = [
  "source",
  "name",
  "recipientOrganisationId",
  "forceId",
  "regionId",
  "decisionReference",
  "allowedCategories",
  "matchShareBp",
  "matchCategory",
  "matchCondition",
  "carriesOver",
  "notes",
  "classification",
  // Every year's amount: what the money is.
  "amounts",
] as const;

type AuditedStream = queries.StreamRow & { amounts: { financialYear: string; amountPence: number }[] };

const auditedAmounts = (amounts: readonly { year: number; amountPence: number }[]) =>
  amounts.map((amount) => ({
    financialYear: financialYearLabel(amount.year),
    amountPence: amount.amountPence,
  }));

function streamAudit(stream: queries.StreamRow, verb: string, changes: AuditChanges): AuditEventInput {
  return {
    action: `funding-stream.${verb}`,
    entityType: "funding-stream",
    entityId: stream.id,
    forceId: stream.forceId,
    regionId: stream.regionId,
    classification: stream.classification,
    changes,
  };
}

function streamColumns(
  details: StreamDetails,
  recipient: { id: string; forceId: string | null; regionId: string | null },
) {
  return {
    source: details.source,
    name: details.name,
    recipientOrganisationId: recipient.id,
    forceId: recipient.forceId,
    regionId: recipient.regionId,
    decisionReference: details.decisionReference,
    allowedCategories: details.allowedCategories,
    matchShareBp: details.matchFunding?.shareBasisPoints ?? null,
    matchCategory: details.matchFunding?.category ?? null,
    matchCondition: details.matchFunding?.condition ?? null,
    carriesOver: details.carriesOver,
    notes: details.notes,
    classification: details.classification,
  };
}

function assertMayManageStream(actor: Actor, columns: ReturnType<typeof streamColumns>) {
  if (!can(actor, "funding.manage", ownedBy(columns))) {
    throw forbidden(
      "You can only manage streams received by an organisation in your scope, up to your clearance",
    );
  }
}

const streamNameIndex = "funding_streams_name_key";
const streamNameTaken = (name: string) => `The recipient already has a stream named ${name}`;

export async function createStream(
  db: Db,
  context: RequestContext,
  input: CreateStreamInput,
): Promise<StreamView> {
  const actor = actorOf(context);
  if (!can(actor, "funding.manage")) throw forbidden();
  const { details, recipient } = await resolveStream(db, input, null);
  const columns = streamColumns(details, recipient);
  assertMayManageStream(actor, columns);
  const id = await withUniqueName(streamNameIndex, streamNameTaken(input.name), () =>
    db.transaction(async (tx) => {
      const [created] = await tx
        .insert(fundingStreams)
        .values({ ...columns, createdBy: actor.id })
        .returning();
      if (!created) throw new Error("insert returned no row");
      await tx.insert(fundingStreamAmounts).values(
        details.amounts.map((amount) => ({
          streamId: created.id,
          financialYear: amount.year,
          amountPence: amount.amountPence,
        })),
      );
      await recordAudit(
        tx,
        context,
        streamAudit(
          created,
          "create",
          changedFields<AuditedStream>(
            null,
            { ...created, amounts: auditedAmounts(details.amounts) },
            auditedStreamFields,
          ),
        ),
      );
      return created.id;
    }),
  );
  return getStream(db, context, id);
}

export async function updateStream(
  db: Db,
  context: RequestContext,
  id: string,
  input: UpdateStreamInput,
): Promise<StreamView> {
  const actor = actorOf(context);
  const before = await loadStream(db, actor, id, "funding.manage");
  const [current] = await presentStreams(db, [before]);
  if (!current) throw notFound("Funding stream");
  const { details, recipient } = await resolveStream(
    db,
    {
      source: input.source ?? before.source,
      name: input.name ?? before.name,
      recipientOrganisationId: input.recipientOrganisationId ?? before.recipientOrganisationId,
      decisionReference: input.decisionReference ?? before.decisionReference,
      amounts: input.amounts ?? current.amounts,
      allowedCategories: input.allowedCategories ?? before.allowedCategories,
      matchFunding:
        input.matchFunding === undefined
          ? current.matchFunding && {
              shareBasisPoints: current.matchFunding.shareBasisPoints,
              category: current.matchFunding.category,
              condition: current.matchFunding.condition,
            }
          : input.matchFunding,
      carriesOver: input.carriesOver ?? before.carriesOver,
      notes: input.notes ?? before.notes,
      classification: input.classification ?? before.classification,
    },
    id,
  );
  const columns = streamColumns(details, recipient);
  // Moving a stream to another recipient or classification must keep it within the actor's reach.
  assertMayManageStream(actor, columns);
  const beforeAudited: AuditedStream = {
    ...before,
    amounts: current.amounts.map(({ financialYear, amountPence }) => ({ financialYear, amountPence })),
  };
  const afterAmounts = auditedAmounts(details.amounts);
  const changes = changedFields<AuditedStream>(
    beforeAudited,
    { ...before, ...columns, amounts: afterAmounts },
    auditedStreamFields,
  );
  if (Object.keys(changes).length === 0) return current;
  await withUniqueName(streamNameIndex, streamNameTaken(details.name), () =>
    db.transaction(async (tx) => {
      const [after] = await tx
        .update(fundingStreams)
        .set({ ...columns, updatedAt: new Date() })
        .where(eq(fundingStreams.id, id))
        .returning();
      if (!after) throw notFound("Funding stream");
      if (changes.amounts) {
        await tx.delete(fundingStreamAmounts).where(eq(fundingStreamAmounts.streamId, id));
        await tx.insert(fundingStreamAmounts).values(
          details.amounts.map((amount) => ({
            streamId: id,
            financialYear: amount.year,
            amountPence: amount.amountPence,
          })),
        );
      }
      await recordAudit(
        tx,
        context,
        streamAudit(
          after,
          "update",
          changedFields<AuditedStream>(
            beforeAudited,
            { ...after, amounts: afterAmounts },
            auditedStreamFields,
          ),
        ),
      );
    }),
  );
  return getStream(db, context, id);
}
