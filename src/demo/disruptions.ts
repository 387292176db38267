import { eq, inArray } from "drizzle-orm";
import type { RequestContext } from "#src/audit/audit.ts";
import { actorFromUser } from "#src/auth/sessions.ts";
import type { Db } from "#src/db/database.ts";
import { disruptions, ocgs, operations, users } from "#src/db/schema.ts";
import { closePanel, createPanel } from "#src/features/disruptions/panels-service.ts";
import { createClaim, decideClaim, submitClaim } from "#src/features/disruptions/service.ts";

/** The first day of the month `monthsAgo` months before this one, as YYYY-MM-DD. */
function monthStart(monthsAgo: number): string {
  const today = new Date();
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - monthsAgo, 1))
    .toISOString()
    .slice(0, 10);
}

const dayOf = (month: string, day: number) => `${month.slice(0, 8)}${String(day).padStart(2, "0")}`;

/**
 * Seeds disruption claims against the demo OCGs, if there are none yet: three claims of two months
 * ago, moderated at that month's West Midlands panel (one accepted, one regraded, one rejected)
 * which is closed, and one draft of last month. Nothing is left waiting for a panel, so setting up
 * a new panel starts from a clean agenda. Claimed by the demo investigator (West Midlands Police)
 * and moderated by the demo moderator (the ROCU), through the same services as the API.
 */
export async function seedDemoDisruptions(
  db: Db,
  context: RequestContext,
  emails: { claimant: string; moderator: string },
): Promise<number> {
  const [existing] = await db.select({ id: disruptions.id }).from(disruptions).limit(1);
  if (existing) return 0;
  const people = await db
    .select()
    .from(users)
    .where(inArray(users.email, [emails.claimant, emails.moderator]));
  const claimant = people.find((user) => user.email === emails.claimant);
  const moderator = people.find((user) => user.email === emails.moderator);
  const groups = await db.select({ id: ocgs.id, name: ocgs.name }).from(ocgs);
  const ocgId = (name: string) => groups.find((group) => group.name === `Demo: ${name}`)?.id;
  const harbour = ocgId("Harbour Street network");
  const ledger = ocgId("Ledger invoice fraudsters");
  const northfield = ocgId("Northfield acquisitive group");
  const [cormorant] = await db
    .select({ id: operations.id })
    .from(operations)
    .where(eq(operations.codeName, "CORMORANT"));
  if (!claimant || !moderator || !harbour || !ledger || !northfield) return 0;
  const asClaimant = { ...context, actor: actorFromUser(claimant) };
  const asModerator = { ...context, actor: actorFromUser(moderator) };

  const moderatedMonth = monthStart(2);
  const claim = (input: Parameters<typeof createClaim>[2]) => createClaim(db, asClaimant, input);
  const harbourClaim = await claim({
    ocgId: harbour,
    operationId: cormorant?.id ?? null,
    disruptedOn: dayOf(moderatedMonth, 6),
    claimedGrade: "major",
    strand: "pursue",
    narrative:
      "Warrants at three addresses; the network's main supply line was taken out and its wholesale contact arrested.",
    evidenceReferences: ["CORMORANT/EX/014", "CORMORANT/EX/015"],
    classification: "OFFICIAL",
  });
  const ledgerClaim = await claim({
    ocgId: ledger,
    operationId: cormorant?.id ?? null,
    disruptedOn: dayOf(moderatedMonth, 13),
    claimedGrade: "moderate",
    strand: "protect",
    narrative:
      "Banks alerted to the invoice templates in use; two payments stopped before they left the victims' accounts.",
    evidenceReferences: ["ECU/PROTECT/0231"],
    classification: "OFFICIAL",
  });
  const northfieldClaim = await claim({
    ocgId: northfield,
    operationId: null,
    disruptedOn: dayOf(moderatedMonth, 20),
    claimedGrade: "minor",
    strand: "prevent",
    narrative: "Two younger associates referred to a diversion scheme.",
    evidenceReferences: [],
    classification: "OFFICIAL",
  });
  for (const made of [harbourClaim, ledgerClaim, northfieldClaim]) await submitClaim(db, asClaimant, made.id);

  const panel = await createPanel(db, asModerator, {
    regionId: "west-midlands",
    periodMonth: moderatedMonth.slice(0, 7),
    heldOn: dayOf(monthStart(1), 9),
    chairUserId: moderator.id,
    attendees: [
      "West Midlands Police",
      "West Mercia Police",
      "Staffordshire Police",
      "Warwickshire Police",
      "HMRC",
    ],
  });
  await decideClaim(db, asModerator, harbourClaim.id, { decision: "accepted" });
  await decideClaim(db, asModerator, ledgerClaim.id, {
    decision: "regraded",
    grade: "minor",
    reason:
      "The payments were stopped, but the group's templates are still in use: minor until the group stops.",
  });
  await decideClaim(db, asModerator, northfieldClaim.id, {
    decision: "rejected",
    reason: "A diversion referral is recorded as Prevent activity, not as a disruption of the group.",
  });
  await closePanel(db, asModerator, panel.id);

  await claim({
    ocgId: harbour,
    operationId: cormorant?.id ?? null,
    disruptedOn: dayOf(monthStart(1), 3),
    claimedGrade: "moderate",
    strand: "pursue",
    narrative:
      "Draft: a courier vehicle stopped with cash on board; waiting for the financial investigator's note.",
    evidenceReferences: [],
    classification: "OFFICIAL",
  });
  return 4;
}
