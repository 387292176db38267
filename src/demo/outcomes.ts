import { eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { RequestContext } from "#src/audit/audit.ts";
import { actorFromUser } from "#src/auth/sessions.ts";
import type { Db } from "#src/db/database.ts";
import { ocgs, operations, outcomes, users } from "#src/db/schema.ts";
import { createOutcomeBody } from "#src/features/outcomes/schema.ts";
import { recordOutcome } from "#src/features/outcomes/service.ts";

const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** What a user would type into the form, less the links (filled in below) and defaults. */
type DemoOutcome = Omit<z.input<typeof createOutcomeBody>, "operationId" | "ocgId" | "occurredOn"> & {
  daysAgo: number;
};

/**
 * Seeds a handful of outcomes of the demo operations, if there are none yet: Halyard's arrests,
 * charges, a conviction and a confiscation order against the Northfield group; Cormorant's
 * arrests, cocaine and cash seized, and children safeguarded, against the Harbour Street network.
 * Recorded by the demo investigator through the same service as the API. Most are OFFICIAL, so the
 * demo board member (cleared to OFFICIAL) has totals to read.
 */
export async function seedDemoOutcomes(
  db: Db,
  context: RequestContext,
  recordedByEmail: string,
): Promise<number> {
  const [existing] = await db.select({ id: outcomes.id }).from(outcomes).limit(1);
  if (existing) return 0;
  const [recorder] = await db.select().from(users).where(eq(users.email, recordedByEmail));
  const found = await db
    .select({ id: operations.id, codeName: operations.codeName })
    .from(operations)
    .where(inArray(operations.codeName, ["CORMORANT", "HALYARD"]));
  const groups = await db
    .select({ id: ocgs.id, name: ocgs.name })
    .from(ocgs)
    .where(inArray(ocgs.name, ["Demo: Harbour Street network", "Demo: Northfield acquisitive group"]));
  const operationId = (codeName: string) => found.find((operation) => operation.codeName === codeName)?.id;
  const ocgId = (name: string) => groups.find((group) => group.name === `Demo: ${name}`)?.id;
  const cormorant = operationId("CORMORANT");
  const halyard = operationId("HALYARD");
  const harbour = ocgId("Harbour Street network");
  const northfield = ocgId("Northfield acquisitive group");
  if (!recorder || !cormorant || !halyard || !harbour || !northfield) return 0;
  const as = { ...context, actor: actorFromUser(recorder) };

  const halyardOutcomes: DemoOutcome[] = [
    {
      kind: "arrest",
      quantity: 5,
      daysAgo: 150,
      classification: "OFFICIAL",
      notes: "Demo: coordinated warrants.",
    },
    { kind: "charge", quantity: 3, daysAgo: 120, classification: "OFFICIAL" },
    {
      kind: "conviction",
      offence: "Conspiracy to commit burglary",
      sentenceMonths: 42,
      daysAgo: 40,
      classification: "OFFICIAL",
    },
    {
      kind: "confiscation-order",
      quantity: 40_000,
      court: "Birmingham Crown Court",
      daysAgo: 35,
      classification: "OFFICIAL",
    },
  ];
  const cormorantOutcomes: DemoOutcome[] = [
    { kind: "arrest", quantity: 4, daysAgo: 50, classification: "OFFICIAL" },
    {
      kind: "seizure",
      commodity: "cocaine",
      quantity: 3.2,
      daysAgo: 50,
      classification: "OFFICIAL-SENSITIVE",
      notes: "Demo: found in a concealed compartment of a hire van.",
    },
    { kind: "seizure", commodity: "cash", quantity: 48_250, daysAgo: 50, classification: "OFFICIAL" },
    {
      kind: "safeguarding",
      safeguardedGroup: "children",
      quantity: 2,
      daysAgo: 20,
      classification: "OFFICIAL",
    },
  ];
  const batches = [
    { operationId: halyard, ocgId: northfield, items: halyardOutcomes },
    { operationId: cormorant, ocgId: harbour, items: cormorantOutcomes },
  ];
  let recorded = 0;
  for (const batch of batches) {
    for (const { daysAgo, ...item } of batch.items) {
      const body = createOutcomeBody.parse({
        ...item,
        operationId: batch.operationId,
        ocgId: batch.ocgId,
        occurredOn: daysFromToday(-daysAgo),
      });
      await recordOutcome(db, as, body);
      recorded++;
    }
  }
  return recorded;
}
