import { z } from "zod";
import { organisationKinds } from "#src/features/reference/vocabulary.ts";

export const region = z.object({
  id: z.string(),
  name: z.string(),
  rocuCode: z.string().nullable(),
  rocuName: z.string().nullable(),
});
export const force = z.object({
  id: z.string(),
  pfaCode: z.string(),
  name: z.string(),
  fullName: z.string(),
  regionId: z.string(),
  homeOfficeRegion: z.string(),
});
export const organisation = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(organisationKinds),
  forceId: z.string().nullable(),
  regionId: z.string().nullable(),
});
/** Administrators add the commissioners' offices and partnerships that funding needs; forces,
 * ROCUs and national bodies come with ROCU Hub. */
export const createOrganisationBody = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, "Enter the organisation's name")
    .max(200, "Use 200 characters or fewer for the name"),
  kind: z.enum(
    ["opcc", "csp"],
    "Choose whether it is a commissioner's office or a Community Safety Partnership",
  ),
  forceId: z.string().trim().min(1, "Choose the force area it belongs to"),
});
export const unitType = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string(),
  builtIn: z.boolean(),
});
export const createUnitTypeBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(
      /^[A-Z][A-Z0-9_]{1,19}$/,
      "Code must be 2 to 20 capital letters, digits or underscores, starting with a letter",
    ),
  name: z.string().trim().min(1, "Enter a name").max(100),
  description: z.string().trim().max(500).default(""),
});

export const crimeType = z.object({
  code: z.string(),
  name: z.string(),
  sortOrder: z.number().int(),
  builtIn: z.boolean(),
});
export const createCrimeTypeBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(
      /^[a-z][a-z0-9-]{1,39}$/,
      "Code must be 2 to 40 lowercase letters, digits or hyphens, starting with a letter, like wildlife-crime",
    ),
  name: z.string().trim().min(1, "Enter a name").max(100, "Use 100 characters or fewer"),
});

export const nfibCategory = z.enum(["cyber-dependent", "cyber-enabled", "other"]);
export const nfibCode = z.object({
  code: z.string(),
  name: z.string(),
  category: nfibCategory,
  sortOrder: z.number().int(),
  builtIn: z.boolean(),
});
const nfibCodeName = z.string().trim().min(1, "Enter a name").max(200, "Use 200 characters or fewer");
const nfibCategoryField = z.enum(nfibCategory.options, {
  error: "Choose cyber-dependent, cyber-enabled or other",
});
export const nfibCodeQuery = z.strictObject({ category: nfibCategoryField.optional() });
export const nfibCodeParams = z.object({ code: z.string() });
export const createNfibCodeBody = z.strictObject({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^NFIB[0-9]{1,3}[A-Z]?$/, "Code must be NFIB, 1 to 3 digits and an optional letter, like NFIB3A"),
  name: nfibCodeName,
  category: nfibCategoryField,
});
export const updateNfibCodeBody = z
  .strictObject({ name: nfibCodeName.optional(), category: nfibCategoryField.optional() })
  .refine((body) => Object.keys(body).length > 0, "Change the name or the category");

export const listOf = <Item extends z.ZodType>(item: Item) => z.object({ items: z.array(item) });
