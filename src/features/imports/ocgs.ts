import { actorOf } from "#src/audit/audit.ts";
import { classifications, clearanceCovers } from "#src/auth/policy.ts";
import { ocgLevels, ocgs } from "#src/db/schema.ts";
import { createOcgBody } from "#src/features/ocgs/schema.ts";
import { checkNewOcg, insertOcg, type OcgLookups } from "#src/features/ocgs/service.ts";
import { listCrimeTypes, listForces } from "#src/features/reference/service.ts";
import { AppError } from "#src/lib/errors.ts";
import { type CsvRow, type ImportColumn, splitList } from "./csv.ts";
import {
  type Importer,
  lookupByCodeOrName,
  numberOrText,
  problemsFromError,
  problemsFromIssues,
  type RowProblem,
  storedImportKeys,
} from "./importer.ts";
import { activeUsersByEmail } from "./queries.ts";

const columns = [
  {
    header: "name",
    required: true,
    description: "The name the group is known by (up to 200 characters).",
    example: "The Harbour Crew",
  },
  {
    header: "aliases",
    required: false,
    description: "Other names of the group, separated by semicolons.",
    example: "Harbour Boys; HBC",
  },
  {
    header: "leadForce",
    required: true,
    description:
      "The force that leads on the group: its id (such as west-midlands) or its name (such as West Midlands). It must be in your scope; its region gives the OCG's reference.",
    example: "West Midlands",
  },
  {
    header: "level",
    required: true,
    description: `Level of activity: one of ${ocgLevels.join(", ")}.`,
    example: "force-dedicated",
  },
  {
    header: "primaryCrimeType",
    required: true,
    description: "The main crime type: its code (such as drugs-supply) or its name (such as Drugs supply).",
    example: "Drugs supply",
  },
  {
    header: "secondaryCrimeTypes",
    required: false,
    description: "Other crime types, by code or name, separated by semicolons.",
    example: "Firearms; Money laundering",
  },
  {
    header: "forcesAffected",
    required: false,
    description:
      "Other forces the group affects, by id or name, separated by semicolons: their users see it too.",
    example: "Warwickshire; West Mercia",
  },
  {
    header: "areasAffected",
    required: false,
    description: "Towns, districts or areas the group is active in, as free text.",
    example: "Birmingham city centre",
  },
  {
    header: "estimatedSize",
    required: false,
    description: "Estimated number of members, as a whole number.",
    example: "12",
  },
  {
    header: "lro",
    required: false,
    description: "Email address of the Local Responsible Officer, who must have an active account.",
    example: "",
  },
  {
    header: "classification",
    required: true,
    description: `Government Security Classification: one of ${classifications.join(", ")}, up to your clearance.`,
    example: "OFFICIAL-SENSITIVE",
  },
] as const satisfies readonly ImportColumn[];

type Header = (typeof columns)[number]["header"];

/** The column holding each field of the OCG service's input. */
const columnOf: Record<string, Header> = {
  name: "name",
  aliases: "aliases",
  leadForceId: "leadForce",
  lroUserId: "lro",
  level: "level",
  primaryCrimeType: "primaryCrimeType",
  secondaryCrimeTypes: "secondaryCrimeTypes",
  forcesAffected: "forcesAffected",
  areasAffected: "areasAffected",
  estimatedSize: "estimatedSize",
  classification: "classification",
};

export const ocgImporter: Importer = {
  kind: "ocgs",
  permission: "ocgs.manage",
  templateFile: "rocu-ocgs-template.csv",
  columns,
  existingKeys: (db, keys) => storedImportKeys(db, ocgs, ocgs.importKey, keys),

  async prepare(db, context, rows) {
    const actor = actorOf(context);
    const [forceList, crimeTypeList] = await Promise.all([listForces(db), listCrimeTypes(db)]);
    const forces = forceList.items;
    const crimeTypes = crimeTypeList.items;
    const emails = [...new Set(rows.map((row) => row.cells.lro ?? "").filter(Boolean))];
    const userIdByEmail = await activeUsersByEmail(db, emails);
    const activeUserIds = new Set(userIdByEmail.values());
    const forceById = new Map(forces.map((force) => [force.id, force]));
    const crimeTypeCodes = new Set(crimeTypes.map((type) => type.code));
    const findForce = lookupByCodeOrName(forces, (force) => [force.id, force.name, force.fullName]);
    const findCrimeType = lookupByCodeOrName(crimeTypes, (type) => [type.code, type.name]);

    // The OCG service's checks, answered from what was loaded above.
    const lookups: OcgLookups = {
      findForce: async (id) => forceById.get(id),
      existingForceIds: async (ids) => new Set(ids.filter((id) => forceById.has(id))),
      existingCrimeTypes: async (codes) => new Set(codes.filter((code) => crimeTypeCodes.has(code))),
      isActiveUser: async (id) => activeUserIds.has(id),
    };

    return async (row: CsvRow) => {
      const cell = (header: Header) => row.cells[header] ?? "";
      const problems: RowProblem[] = [];
      const problem = (field: Header, message: string) => problems.push({ field, message });

      // Names are turned into the codes the service takes; unknown ones are named here.
      const leadForce = cell("leadForce") === "" ? undefined : findForce(cell("leadForce"));
      if (cell("leadForce") !== "" && !leadForce) {
        problem(
          "leadForce",
          `Unknown force “${cell("leadForce")}”: give a force's id or name, such as West Midlands`,
        );
      }
      const primary = cell("primaryCrimeType") === "" ? undefined : findCrimeType(cell("primaryCrimeType"));
      if (cell("primaryCrimeType") !== "" && !primary) {
        problem("primaryCrimeType", `Unknown crime type “${cell("primaryCrimeType")}”`);
      }
      const secondary = splitList(cell("secondaryCrimeTypes"));
      const unknownTypes = secondary.filter((name) => !findCrimeType(name));
      if (unknownTypes.length > 0) {
        problem(
          "secondaryCrimeTypes",
          `Unknown crime type: ${unknownTypes.map((name) => `“${name}”`).join(", ")}`,
        );
      }
      const affected = splitList(cell("forcesAffected"));
      const unknownForces = affected.filter((name) => !findForce(name));
      if (unknownForces.length > 0) {
        problem("forcesAffected", `Unknown force: ${unknownForces.map((name) => `“${name}”`).join(", ")}`);
      }
      const lroUserId = cell("lro") === "" ? null : userIdByEmail.get(cell("lro").toLowerCase());
      if (lroUserId === undefined) {
        problem("lro", `No active user has the email address “${cell("lro")}”`);
      }
      const level = cell("level").toLowerCase();
      if (level !== "" && !(ocgLevels as readonly string[]).includes(level)) {
        problem("level", `Unknown level of activity “${cell("level")}”: use one of ${ocgLevels.join(", ")}`);
      }

      const parsed = createOcgBody.safeParse({
        name: cell("name"),
        aliases: splitList(cell("aliases")),
        leadForceId: leadForce?.id ?? cell("leadForce"),
        lroUserId: lroUserId ?? null,
        level,
        primaryCrimeType: primary?.code ?? cell("primaryCrimeType"),
        secondaryCrimeTypes: secondary.map((name) => findCrimeType(name)?.code ?? name),
        forcesAffected: affected.map((name) => findForce(name)?.id ?? name),
        areasAffected: cell("areasAffected"),
        estimatedSize: numberOrText(cell("estimatedSize")),
        classification: cell("classification").toUpperCase(),
      });
      if (!parsed.success) {
        // A cell already reported above is not reported twice.
        for (const issue of problemsFromIssues(parsed.error.issues, columnOf)) {
          if (!problems.some((known) => known.field === issue.field)) problems.push(issue);
        }
      }
      if (problems.length > 0 || !parsed.success) return { ok: false, problems };

      try {
        const checked = await checkNewOcg(lookups, actor, parsed.data);
        return {
          ok: true,
          write: async (tx, importKey) => {
            const created = await insertOcg(tx, context, checked, importKey);
            return { id: created.id, reference: created.reference };
          },
        };
      } catch (error) {
        if (error instanceof AppError && error.code === "forbidden") {
          const classification = parsed.data.classification;
          return {
            ok: false,
            problems: clearanceCovers(actor.clearance, classification)
              ? [
                  {
                    field: "leadForce",
                    message: `${leadForce?.name ?? cell("leadForce")} is outside your scope: you can only import OCGs led by forces you manage`,
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
