import { actorOf } from "#src/audit/audit.ts";
import { classifications } from "#src/auth/policy.ts";
import { disruptionGrades, disruptions, planStrands } from "#src/db/schema.ts";
import { createClaimBody } from "#src/features/disruptions/schema.ts";
import {
  type ClaimLookups,
  checkNewClaim,
  claimLookups,
  insertClaim,
} from "#src/features/disruptions/service.ts";
import { listCrimeTypes } from "#src/features/reference/service.ts";
import { type CsvRow, type ImportColumn, splitList } from "./csv.ts";
import {
  type Importer,
  isoDate,
  lookupByCodeOrName,
  problemsFromError,
  problemsFromIssues,
  type RowProblem,
  remembered,
  storedImportKeys,
} from "./importer.ts";
import { ocgIdsByReference, operationIdsByCodeName } from "./queries.ts";

const columns = [
  {
    header: "ocg",
    required: true,
    description: "The reference of the OCG disrupted (such as WM-OCG-0042); it must be one you can see.",
    example: "WM-OCG-0001",
  },
  {
    header: "operation",
    required: false,
    description: "The code name of the operation behind the disruption, if any; it must target that OCG.",
    example: "",
  },
  {
    header: "disruptedOn",
    required: true,
    description: "The date of the disruption, as YYYY-MM-DD (or DD/MM/YYYY); not in the future.",
    example: "2025-10-03",
  },
  {
    header: "claimedGrade",
    required: true,
    description: `The grade claimed: one of ${disruptionGrades.join(", ")}. A panel moderates it; only moderated grades count.`,
    example: "moderate",
  },
  {
    header: "strand",
    required: true,
    description: `The 4P strand: one of ${planStrands.join(", ")}.`,
    example: "pursue",
  },
  {
    header: "crimeType",
    required: false,
    description: "The crime type disrupted, by code or name; the OCG's primary crime type when blank.",
    example: "Drugs supply",
  },
  {
    header: "narrative",
    required: true,
    description: "What was done and its effect on the group.",
    example: "Warrant at the group's stash house: 2 kg of cocaine seized and the supply line closed.",
  },
  {
    header: "evidenceReferences",
    required: false,
    description:
      "References of the evidence held elsewhere (case or exhibit numbers), separated by semicolons.",
    example: "CASE/2025/0142; EXH-77",
  },
  {
    header: "classification",
    required: true,
    description: `One of ${classifications.join(", ")}, up to your clearance.`,
    example: "OFFICIAL-SENSITIVE",
  },
] as const satisfies readonly ImportColumn[];

type Header = (typeof columns)[number]["header"];

/** The column holding each field of the disruptions service's input. */
const columnOf: Record<string, Header> = {
  ocgId: "ocg",
  operationId: "operation",
  disruptedOn: "disruptedOn",
  claimedGrade: "claimedGrade",
  strand: "strand",
  crimeType: "crimeType",
  narrative: "narrative",
  evidenceReferences: "evidenceReferences",
  classification: "classification",
};

/** "Operation NIGHTJAR" and "Op. Nightjar" name the operation NIGHTJAR. */
const codeNameOf = (cell: string) => cell.replace(/^op(eration)?\.?\s+/i, "").trim();

/** A cell that must be one of a few codes, compared without regard to case. */
const codeOf = <Code extends string>(cell: string, codes: readonly Code[]) =>
  codes.find((code) => code === cell.toLowerCase());

/**
 * Each row becomes a draft claim of the importer's organisation, numbered in the OCG's region
 * (e.g. WM-DIS-0007), to be submitted for moderation like any other claim.
 */
export const disruptionImporter: Importer = {
  kind: "disruptions",
  permission: "disruptions.claim",
  templateFile: "rocu-disruptions-template.csv",
  columns,
  existingKeys: (db, keys) => storedImportKeys(db, disruptions, disruptions.importKey, keys),

  async prepare(db, context, rows) {
    const actor = actorOf(context);
    const cellsOf = (header: Header) => rows.map((row) => row.cells[header] ?? "").filter(Boolean);
    const [ocgIds, operationIds, crimeTypeList] = await Promise.all([
      ocgIdsByReference(db, cellsOf("ocg")),
      operationIdsByCodeName(db, cellsOf("operation").map(codeNameOf)),
      listCrimeTypes(db),
    ]);
    const findCrimeType = lookupByCodeOrName(crimeTypeList.items, (type) => [type.code, type.name]);

    // The disruptions service's own checks, asking the database once per record the file names.
    const fromDatabase = claimLookups(db);
    const operationFor = remembered((pair) => {
      const [operationId = "", ocgId = ""] = pair.split(" ");
      return fromDatabase.findOperationFor(operationId, ocgId);
    });
    const crimeTypeCodes = new Set(crimeTypeList.items.map((type) => type.code));
    const lookups: ClaimLookups = {
      findOcg: remembered(fromDatabase.findOcg),
      findOperationFor: (operationId, ocgId) => operationFor(`${operationId} ${ocgId}`),
      existingCrimeTypes: async (codes) => new Set(codes.filter((code) => crimeTypeCodes.has(code))),
    };

    return async (row: CsvRow) => {
      const cell = (header: Header) => row.cells[header] ?? "";
      const problems: RowProblem[] = [];
      const problem = (field: Header, message: string) => problems.push({ field, message });

      const ocgId = ocgIds.get(cell("ocg").toUpperCase());
      if (cell("ocg") !== "" && !ocgId) problem("ocg", `No OCG has the reference “${cell("ocg")}”`);
      const operationId =
        cell("operation") === "" ? null : operationIds.get(codeNameOf(cell("operation")).toLowerCase());
      if (operationId === undefined) {
        problem("operation", `No operation has the code name “${cell("operation")}”`);
      }
      const crimeType = cell("crimeType") === "" ? undefined : findCrimeType(cell("crimeType"));
      if (cell("crimeType") !== "" && !crimeType)
        problem("crimeType", `Unknown crime type “${cell("crimeType")}”`);
      const grade = codeOf(cell("claimedGrade"), disruptionGrades);
      if (cell("claimedGrade") !== "" && !grade) {
        problem(
          "claimedGrade",
          `Unknown grade “${cell("claimedGrade")}”: use ${disruptionGrades.join(", ")}`,
        );
      }
      const strand = codeOf(cell("strand"), planStrands);
      if (cell("strand") !== "" && !strand) {
        problem("strand", `Unknown strand “${cell("strand")}”: use ${planStrands.join(", ")}`);
      }

      const parsed = createClaimBody.safeParse({
        ocgId: ocgId ?? cell("ocg"),
        operationId: operationId ?? null,
        disruptedOn: isoDate(cell("disruptedOn")),
        claimedGrade: grade ?? cell("claimedGrade"),
        strand: strand ?? cell("strand"),
        crimeType: crimeType?.code,
        narrative: cell("narrative"),
        evidenceReferences: splitList(cell("evidenceReferences")),
        classification: cell("classification").toUpperCase(),
      });
      if (!parsed.success) {
        for (const issue of problemsFromIssues(parsed.error.issues, columnOf)) {
          if (!problems.some((known) => known.field === issue.field)) problems.push(issue);
        }
      }
      if (problems.length > 0 || !parsed.success) return { ok: false, problems };

      try {
        const checked = await checkNewClaim(lookups, actor, parsed.data);
        return {
          ok: true,
          write: async (tx, importKey) => {
            const created = await insertClaim(tx, context, checked, importKey);
            return { id: created.id, reference: created.reference };
          },
        };
      } catch (error) {
        // The service speaks of its form's lists; a file names records by reference instead.
        return {
          ok: false,
          problems: problemsFromError(error, columnOf).map((found) =>
            found.field === "ocg" && found.message === "Choose the OCG from the list"
              ? { field: "ocg", message: `${cell("ocg")} is not an OCG you can see` }
              : found.field === "operation" && found.message === "Choose the operation from the list"
                ? { field: "operation", message: `${cell("operation")} is not an operation you can see` }
                : found,
          ),
        };
      }
    };
  },
};
