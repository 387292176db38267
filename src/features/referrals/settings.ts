// Triage weights and targets are data an administrator or supervisor changes without a release:
// stored under one key of instance_settings, the documented defaults until someone saves.

import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "#src/db/database.ts";
import { instanceSettings } from "#src/db/schema.ts";
import { defaultTriageWeights, triageWeights } from "./priority.ts";
import { defaultTriageTargets, triageTargets } from "./targets.ts";

export const triageSettings = z.strictObject({
  weights: triageWeights,
  targets: triageTargets,
  /** A vulnerable victim is to be contacted within this many hours of the referral arriving. */
  victimContactHours: z
    .number("Enter the victim contact target in hours")
    .positive("A target is more than 0 hours")
    .max(24 * 90, "A target is at most 90 days"),
});
export type TriageSettings = z.infer<typeof triageSettings>;

export const defaultTriageSettings: TriageSettings = {
  weights: defaultTriageWeights,
  targets: defaultTriageTargets,
  victimContactHours: 72,
};

export const triageSettingsKey = "triage";

export async function loadTriageSettings(db: Queryable): Promise<TriageSettings> {
  const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, triageSettingsKey));
  // Stored settings were validated when saved; parsing again guards against a hand-edited row.
  const stored = row ? triageSettings.safeParse(row.value) : null;
  return stored?.success ? stored.data : defaultTriageSettings;
}
