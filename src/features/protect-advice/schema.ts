import { z } from "zod";
import { adviceAudiences } from "#src/db/schema.ts";

export const adviceSlugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const slug = z
  .string()
  .trim()
  .min(1, "Enter a short name for the advice, like romance-fraud")
  .max(60, "Use 60 characters or fewer")
  .regex(
    adviceSlugPattern,
    "Use lower-case letters and digits in words joined by single hyphens, like romance-fraud",
  );

/** One version of a piece of advice: the exact words a victim was, or will be, given. */
export const adviceVersion = z.object({
  slug: z.string(),
  version: z.number().int(),
  title: z.string(),
  audience: z.enum(adviceAudiences),
  body: z.string(),
  /** The version given from now on. */
  current: z.boolean(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
export type AdviceVersionView = z.infer<typeof adviceVersion>;

export const adviceList = z.object({ items: z.array(adviceVersion) });
export const adviceHistory = z.object({ slug: z.string(), versions: z.array(adviceVersion) });
export type AdviceHistoryView = z.infer<typeof adviceHistory>;

const versionFields = {
  title: z.string().trim().min(1, "Enter a title").max(200, "Use 200 characters or fewer"),
  audience: z.enum(adviceAudiences, "Choose who the advice is for: individuals, businesses or everyone"),
  body: z
    .string()
    .trim()
    .min(1, "Enter the advice as it is to be given")
    .max(8000, "Use 8,000 characters or fewer"),
};

export const createAdviceBody = z.strictObject({ slug, ...versionFields });
export type CreateAdviceInput = z.infer<typeof createAdviceBody>;

export const newVersionBody = z.strictObject(versionFields);
export type NewVersionInput = z.infer<typeof newVersionBody>;

export const adviceSlugParams = z.strictObject({
  slug: z.string().max(60).regex(adviceSlugPattern, "Not a valid advice name"),
});
