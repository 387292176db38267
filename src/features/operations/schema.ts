import { z } from "zod";
import { classifications } from "#src/auth/policy.ts";
import { ocgLevels, operationStatuses } from "#src/db/schema.ts";
import { optionalFilter, pageOf, pageQuery } from "#src/lib/paging.ts";

const idName = z.object({ id: z.string(), name: z.string() });

export const operationTarget = z.object({ id: z.uuid(), reference: z.string(), name: z.string() });

export const operation = z.object({
  id: z.uuid(),
  codeName: z.string(),
  status: z.enum(operationStatuses),
  /** Who leads it: a force, a ROCU or a national body such as the NCA. */
  leadOrganisation: idName,
  /** The force the operation belongs to for access; its region follows. */
  hostForce: idName,
  regionId: z.string(),
  level: z.enum(ocgLevels),
  sio: idName.nullable(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  /** Set when the operation is closed. */
  resultSummary: z.string().nullable(),
  classification: z.enum(classifications),
  /** The target OCGs the reader may see; others stay targeted but unnamed. */
  targets: z.array(operationTarget),
  /** The statuses this operation may move to next (the buttons to offer). */
  nextStatuses: z.array(z.enum(operationStatuses)),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OperationView = z.infer<typeof operation>;

const code = (empty: string) => z.string().trim().min(1, empty).max(100);
const day = (what: string) => z.iso.date(`Enter the ${what} date as a real date, like 2026-03-31`).nullable();

/** The editable fields, without defaults so that a PATCH changes only what it names. */
const operationFields = {
  codeName: z
    .string()
    .trim()
    .min(1, "Enter the operation's code name")
    .max(100, "Use 100 characters or fewer"),
  leadOrganisationId: code("Choose who leads the operation"),
  hostForceId: code("Choose the host force"),
  level: z.enum(ocgLevels, "Choose a level of activity"),
  sioUserId: z.uuid("Choose a Senior Investigating Officer from the list").nullable(),
  startedOn: day("start"),
  endedOn: day("end"),
  targetOcgIds: z
    .array(z.uuid("Not a valid OCG id"))
    .min(1, "Choose at least one target OCG")
    .max(100, "Choose at most 100 target OCGs"),
  classification: z.enum(classifications, "Choose a classification"),
};

export const createOperationBody = z.strictObject({
  ...operationFields,
  sioUserId: operationFields.sioUserId.default(null),
  startedOn: operationFields.startedOn.default(null),
  endedOn: operationFields.endedOn.default(null),
});
export type CreateOperationInput = z.infer<typeof createOperationBody>;

export const updateOperationBody = z
  .strictObject(operationFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, "Change at least one field");
export type UpdateOperationInput = z.infer<typeof updateOperationBody>;

export const changeOperationStatusBody = z.strictObject({
  status: z.enum(operationStatuses, "Choose a status"),
  resultSummary: z.string().trim().max(4000, "Use 4000 characters or fewer").optional(),
});
export type ChangeOperationStatusInput = z.infer<typeof changeOperationStatusBody>;

export const operationSorts = [
  "codeName",
  "-codeName",
  "startedOn",
  "-startedOn",
  "updatedAt",
  "-updatedAt",
  "status",
  "-status",
] as const;

export const listOperationsQuery = z.strictObject({
  q: optionalFilter(z.string().max(200)),
  status: optionalFilter(z.enum(operationStatuses)),
  level: optionalFilter(z.enum(ocgLevels)),
  hostForceId: optionalFilter(z.string().max(100)),
  ocgId: optionalFilter(z.uuid("Not a valid OCG id")),
  sort: z.enum(operationSorts).default("codeName"),
  ...pageQuery,
});
export type ListOperationsQuery = z.infer<typeof listOperationsQuery>;

export const operationPage = pageOf(operation);
export const operationIdParams = z.strictObject({ id: z.uuid("Not a valid operation id") });
