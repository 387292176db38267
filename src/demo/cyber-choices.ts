import { eq } from "drizzle-orm";
import type { RequestContext } from "#src/audit/audit.ts";
import { actorFromUser } from "#src/auth/sessions.ts";
import type { Db } from "#src/db/database.ts";
import { cyberChoicesReferrals, users } from "#src/db/schema.ts";
import { createCyberChoices, updateCyberChoices } from "#src/features/cyber-choices/service.ts";
import { ukToday } from "#src/lib/periods.ts";

/** A UK calendar day some days from today, as YYYY-MM-DD. */
const daysFromToday = (days: number) => {
  const [year = 0, month = 1, day = 1] = ukToday().split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
};

/**
 * Seeds two made-up West Midlands Cyber Choices referrals, if there are none yet: one open with
 * its review due, one closed with its outcome. Recorded by the demo Prevent officer through the
 * same service as the API, so references, audit and checks are real.
 */
export async function seedDemoCyberChoices(
  db: Db,
  context: RequestContext,
  recordedByEmail: string,
): Promise<number> {
  const [existing] = await db.select({ id: cyberChoicesReferrals.id }).from(cyberChoicesReferrals).limit(1);
  if (existing) return 0;
  const [officer] = await db.select().from(users).where(eq(users.email, recordedByEmail));
  if (!officer) return 0;
  const as = { ...context, actor: actorFromUser(officer) };

  await createCyberChoices(db, as, {
    forceId: "west-midlands",
    referredOn: daysFromToday(-40),
    source: "school",
    subjectLabel: "Demo: K.M.",
    age: 14,
    concerns:
      "Head of year reports the pupil selling access to a 'booter' (denial of service) tool to classmates and boasting of knocking a game server offline.",
    safeguardingChecked: true,
    consentObtained: true,
    interventions: ["awareness-session", "skills-pathway"],
    interventionPlan:
      "Awareness session at school with a parent present on the Computer Misuse Act; then a place on a local cyber skills club.",
    reviewOn: daysFromToday(-2),
    classification: "OFFICIAL-SENSITIVE",
  });

  const closed = await createCyberChoices(db, as, {
    forceId: "west-midlands",
    referredOn: daysFromToday(-150),
    source: "police",
    subjectLabel: "Demo: Nightjar",
    age: 19,
    concerns:
      "Identified through a takedown of a forum selling stolen game accounts; logged in to other people's accounts using leaked passwords.",
    safeguardingChecked: true,
    consentObtained: true,
    interventions: ["cease-and-desist", "mentoring"],
    interventionPlan: "Cease-and-desist visit, then three months of mentoring by a volunteer from industry.",
    reviewOn: daysFromToday(-30),
    classification: "OFFICIAL-SENSITIVE",
  });
  await updateCyberChoices(db, as, closed.id, {
    status: "closed",
    outcome: "Completed mentoring and started an apprenticeship in IT support; no further concerns reported.",
  });
  return 2;
}
