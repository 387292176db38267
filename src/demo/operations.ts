import { eq, inArray } from "drizzle-orm";
import type { RequestContext } from "#src/audit/audit.ts";
import { actorFromUser } from "#src/auth/sessions.ts";
import type { Db } from "#src/db/database.ts";
import { ocgs, operations, users } from "#src/db/schema.ts";
import { changeOperationStatus, createOperation } from "#src/features/operations/service.ts";

const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Seeds two West Midlands operations against the demo OCGs, if there are no operations yet: one
 * running, one closed with its results. Made by the demo supervisor (who runs operations in the
 * West Midlands) through the same services as the API.
 */
export async function seedDemoOperations(
  db: Db,
  context: RequestContext,
  runByEmail: string,
): Promise<number> {
  const [existing] = await db.select({ id: operations.id }).from(operations).limit(1);
  if (existing) return 0;
  const [runner] = await db.select().from(users).where(eq(users.email, runByEmail));
  const groups = await db
    .select({ id: ocgs.id, name: ocgs.name })
    .from(ocgs)
    .where(
      inArray(ocgs.name, [
        "Demo: Harbour Street network",
        "Demo: Ledger invoice fraudsters",
        "Demo: Northfield acquisitive group",
      ]),
    );
  const idOf = (name: string) => groups.find((group) => group.name === `Demo: ${name}`)?.id;
  const harbour = idOf("Harbour Street network");
  const ledger = idOf("Ledger invoice fraudsters");
  const northfield = idOf("Northfield acquisitive group");
  if (!runner || !harbour || !ledger || !northfield) return 0;
  const as = { ...context, actor: actorFromUser(runner) };

  const cormorant = await createOperation(db, as, {
    codeName: "CORMORANT",
    leadOrganisationId: "rocuwm",
    hostForceId: "west-midlands",
    level: "regional",
    sioUserId: runner.id,
    startedOn: daysFromToday(-60),
    endedOn: null,
    targetOcgIds: [harbour, ledger],
    classification: "OFFICIAL-SENSITIVE",
  });
  await changeOperationStatus(db, as, cormorant.id, { status: "active" });

  const halyard = await createOperation(db, as, {
    codeName: "HALYARD",
    leadOrganisationId: "west-midlands",
    hostForceId: "west-midlands",
    level: "local",
    sioUserId: runner.id,
    startedOn: daysFromToday(-200),
    endedOn: daysFromToday(-30),
    targetOcgIds: [northfield],
    classification: "OFFICIAL",
  });
  await changeOperationStatus(db, as, halyard.id, { status: "active" });
  await changeOperationStatus(db, as, halyard.id, {
    status: "closed",
    resultSummary:
      "Demo result: five arrested for commercial burglary, three charged; stolen plant worth £40,000 recovered.",
  });
  return 2;
}
