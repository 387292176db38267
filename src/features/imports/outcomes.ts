import { actorOf } from "#src/audit/audit.ts";
import { classifications, clearanceCovers } from "#src/auth/policy.ts";
import { outcomeKinds, outcomes, safeguardedGroups, seizureCommodities } from "#src/db/schema.ts";
import { createOutcomeBody } from "#src/features/outcomes/schema.ts";
import {
  checkNewOutcome,
  databaseLookups,
  insertOutcome,
  type OutcomeLookups,
} from "#src/features/outcomes/service.ts";
import { listForces } from "#src/features/reference/service.ts";
import { AppError } from "#src/lib/errors.ts";
import type { CsvRow, ImportColumn } from "./csv.ts";
import {
  type Importer,
  isoDate,
  lookupByCodeOrName,
  numberOrText,
  problemsFromError,
  problemsFromIssues,
  type RowProblem,
  remembered,
  storedImportKeys,
} from "./importer.ts";
import { disruptionIdsByReference, ocgIdsByReference, operationIdsByCodeName } from "./queries.ts";

const columns = [
  {
    header: "kind",
    required: true,
    description: `What the outcome is: one of ${outcomeKinds.join(", ")}. One row per conviction (per person).`,
    example: "seizure",
  },
  {
    header: "operation",
    required: true,
    description: "The operation's code name (such as NIGHTJAR); it must be one you can see.",
    example: "NIGHTJAR",
  },
  {
    header: "ocg",
    required: true,
    description: "The reference of the OCG (such as WM-OCG-0042); it must be a target of the operation.",
    example: "WM-OCG-0001",
  },
  {
    header: "disruption",
    required: false,
    description:
      "The reference of a disruption claim against that OCG (such as WM-DIS-0007), if the outcome belongs to one.",
    example: "",
  },
  {
    header: "occurredOn",
    required: true,
    description: "The date, as YYYY-MM-DD (or DD/MM/YYYY); not in the future.",
    example: "2025-11-14",
  },
  {
    header: "quantity",
    required: false,
    description:
      "How many people (arrests, charges, safeguarding), kilograms of drugs, firearms or rounds, or pounds (cash, orders). Leave blank for a conviction.",
    example: "2.5",
  },
  {
    header: "commodity",
    required: false,
    description: `For a seizure, what was seized: one of ${seizureCommodities.join(", ")}.`,
    example: "cocaine",
  },
  {
    header: "offence",
    required: false,
    description: "For a conviction, the offence.",
    example: "",
  },
  {
    header: "sentenceMonths",
    required: false,
    description: "For a conviction, the sentence in whole months (0 for a sentence without custody).",
    example: "",
  },
  {
    header: "court",
    required: false,
    description: "For a confiscation or restraint order, the court that made it.",
    example: "",
  },
  {
    header: "safeguardedGroup",
    required: false,
    description: `For safeguarding, who was safeguarded: ${safeguardedGroups.join(" or ")}.`,
    example: "",
  },
  {
    header: "force",
    required: false,
    description:
      "The force credited, by id or name; the operation's host force when blank. It must be in your scope.",
    example: "",
  },
  {
    header: "classification",
    required: false,
    description: `One of ${classifications.join(", ")}, up to your clearance; OFFICIAL-SENSITIVE when blank.`,
    example: "OFFICIAL-SENSITIVE",
  },
  {
    header: "notes",
    required: false,
    description: "Anything else worth recording, as free text.",
    example: "Found in a vehicle stopped on the M6",
  },
] as const satisfies readonly ImportColumn[];

type Header = (typeof columns)[number]["header"];

/** The column holding each field of the outcomes service's input. */
const columnOf: Record<string, Header> = {
  kind: "kind",
  operationId: "operation",
  ocgId: "ocg",
  disruptionId: "disruption",
  occurredOn: "occurredOn",
  quantity: "quantity",
  commodity: "commodity",
  offence: "offence",
  sentenceMonths: "sentenceMonths",
  court: "court",
  safeguardedGroup: "safeguardedGroup",
  notes: "notes",
  forceId: "force",
  classification: "classification",
};

/** "Operation NIGHTJAR" and "Op. Nightjar" name the operation NIGHTJAR. */
const codeNameOf = (cell: string) => cell.replace(/^op(eration)?\.?\s+/i, "").trim();

/** A cell that must be one of a few codes, compared without regard to case; blank is null. */
function codeOf<Code extends string>(cell: string, codes: readonly Code[]): Code | null | undefined {
  if (cell === "") return null;
  return codes.find((code) => code === cell.toLowerCase());
}

export const outcomeImporter: Importer = {
  kind: "outcomes",
  permission: "outcomes.record",
  templateFile: "rocu-outcomes-template.csv",
  columns,
  existingKeys: (db, keys) => storedImportKeys(db, outcomes, outcomes.importKey, keys),

  async prepare(db, context, rows) {
    const actor = actorOf(context);
    const cellsOf = (header: Header) => rows.map((row) => row.cells[header] ?? "").filter(Boolean);
    const [operationIds, ocgIds, disruptionIds, forceList] = await Promise.all([
      operationIdsByCodeName(db, cellsOf("operation").map(codeNameOf)),
      ocgIdsByReference(db, cellsOf("ocg")),
      disruptionIdsByReference(db, cellsOf("disruption")),
      listForces(db),
    ]);
    const findForce = lookupByCodeOrName(forceList.items, (force) => [force.id, force.name, force.fullName]);

    // The outcomes service's own checks, asking the database once per record the file names.
    const fromDatabase = databaseLookups(db);
    const targets = remembered((pair) => {
      const [operationId = "", ocgId = ""] = pair.split(" ");
      return fromDatabase.isTargetOf(operationId, ocgId);
    });
    const lookups: OutcomeLookups = {
      findOperation: remembered(fromDatabase.findOperation),
      isTargetOf: (operationId, ocgId) => targets(`${operationId} ${ocgId}`),
      findOcg: remembered(fromDatabase.findOcg),
      findDisruption: remembered(fromDatabase.findDisruption),
      findForce: remembered(fromDatabase.findForce),
    };

    return async (row: CsvRow) => {
      const cell = (header: Header) => row.cells[header] ?? "";
      const problems: RowProblem[] = [];
      const problem = (field: Header, message: string) => problems.push({ field, message });

      const operationId = operationIds.get(codeNameOf(cell("operation")).toLowerCase());
      if (cell("operation") !== "" && !operationId) {
        problem("operation", `No operation has the code name “${cell("operation")}”`);
      }
      const ocgId = ocgIds.get(cell("ocg").toUpperCase());
      if (cell("ocg") !== "" && !ocgId) problem("ocg", `No OCG has the reference “${cell("ocg")}”`);
      const disruptionId =
        cell("disruption") === "" ? null : disruptionIds.get(cell("disruption").toUpperCase());
      if (disruptionId === undefined) {
        problem("disruption", `No disruption claim has the reference “${cell("disruption")}”`);
      }
      const force = cell("force") === "" ? undefined : findForce(cell("force"));
      if (cell("force") !== "" && !force) {
        problem(
          "force",
          `Unknown force “${cell("force")}”: give a force's id or name, such as West Midlands`,
        );
      }
      const kind = codeOf(cell("kind"), outcomeKinds);
      if (kind === undefined)
        problem("kind", `Unknown kind “${cell("kind")}”: use one of ${outcomeKinds.join(", ")}`);
      const commodity = codeOf(cell("commodity"), seizureCommodities);
      if (commodity === undefined) {
        problem(
          "commodity",
          `Unknown commodity “${cell("commodity")}”: use one of ${seizureCommodities.join(", ")}`,
        );
      }
      const safeguardedGroup = codeOf(cell("safeguardedGroup"), safeguardedGroups);
      if (safeguardedGroup === undefined) {
        problem("safeguardedGroup", `Unknown group “${cell("safeguardedGroup")}”: use children or adults`);
      }

      const parsed = createOutcomeBody.safeParse({
        kind: kind ?? cell("kind"),
        operationId: operationId ?? cell("operation"),
        ocgId: ocgId ?? cell("ocg"),
        disruptionId: disruptionId ?? null,
        occurredOn: isoDate(cell("occurredOn")),
        quantity: numberOrText(cell("quantity")),
        commodity: commodity ?? null,
        offence: cell("offence") || null,
        sentenceMonths: numberOrText(cell("sentenceMonths")),
        court: cell("court") || null,
        safeguardedGroup: safeguardedGroup ?? null,
        notes: cell("notes"),
        forceId: force?.id,
        classification: cell("classification") === "" ? undefined : cell("classification").toUpperCase(),
      });
      if (!parsed.success) {
        for (const issue of problemsFromIssues(parsed.error.issues, columnOf)) {
          if (!problems.some((known) => known.field === issue.field)) problems.push(issue);
        }
      }
      if (problems.length > 0 || !parsed.success) return { ok: false, problems };

      try {
        const checked = await checkNewOutcome(lookups, actor, parsed.data);
        return {
          ok: true,
          write: async (tx, importKey) => ({ id: (await insertOutcome(tx, context, checked, importKey)).id }),
        };
      } catch (error) {
        if (error instanceof AppError && error.code === "forbidden") {
          const classification = parsed.data.classification;
          return {
            ok: false,
            problems: clearanceCovers(actor.clearance, classification)
              ? [
                  {
                    field: "force",
                    message: `${force?.name ?? "The operation's host force"} is outside your scope: you can only import outcomes credited to forces you manage`,
                  },
                ]
              : [{ field: "classification", message: `${classification} is above your clearance` }],
          };
        }
        return { ok: false, problems: problemsFromError(error, columnOf) };
      }
    };
  },
};
