import { eq } from "drizzle-orm";
import { type RequestContext, recordAudit } from "#src/audit/audit.ts";
import { hashPassword } from "#src/auth/passwords.ts";
import { type Classification, type Role, roles, type Scope } from "#src/auth/policy.ts";
import { actorFromUser } from "#src/auth/sessions.ts";
import type { Db } from "#src/db/database.ts";
import { instanceSettings, organisations, users } from "#src/db/schema.ts";
import { loadTriageSettings } from "#src/features/referrals/settings.ts";
import { seedDemoCyberChoices } from "./cyber-choices.ts";
import { seedDemoDisruptions } from "./disruptions.ts";
import { seedDemoBids, seedDemoFunding, seedDemoPosts } from "./funding.ts";
import { seedDemoOcgs } from "./ocgs.ts";
import { seedDemoOperations } from "./operations.ts";
import { seedDemoOutcomes } from "./outcomes.ts";
import { seedDemoReferralHistory } from "./referral-history.ts";
import { seedDemoReferrals } from "./referrals.ts";

/** Community Safety Partnerships that bid in the demo, one in each Alliance force area. */
export const demoCsps = [
  {
    id: "csp-demo-worcestershire",
    name: "Worcestershire Community Safety Partnership (demo)",
    kind: "csp",
    forceId: "west-mercia",
    regionId: "west-midlands",
  },
  {
    id: "csp-demo-warwickshire",
    name: "Warwickshire Community Safety Partnership (demo)",
    kind: "csp",
    forceId: "warwickshire",
    regionId: "west-midlands",
  },
] as const;

export const demoEmail = (role: Role) => `${role}@demo.rocu.test`;

/** Each demo user: where they sit and what they may see. The admin is national so they can see everything. */
const demoProfiles: Record<
  Role,
  { name: string; organisationId: string; scope: Scope; clearance: Classification }
> = {
  admin: { name: "Alex Admin (demo)", organisationId: "rocuwm", scope: "national", clearance: "SECRET" },
  analyst: {
    name: "Ana Analyst (demo)",
    organisationId: "rocuwm",
    scope: "region",
    clearance: "OFFICIAL-SENSITIVE",
  },
  investigator: {
    name: "Ivan Investigator (demo)",
    organisationId: "west-midlands",
    scope: "force",
    clearance: "OFFICIAL-SENSITIVE",
  },
  supervisor: {
    name: "Sam Supervisor (demo)",
    organisationId: "west-midlands",
    scope: "force",
    clearance: "OFFICIAL-SENSITIVE",
  },
  moderator: {
    name: "Mo Moderator (demo)",
    organisationId: "rocuwm",
    scope: "region",
    clearance: "OFFICIAL-SENSITIVE",
  },
  finance: {
    name: "Fran Finance (demo)",
    organisationId: "west-mercia",
    scope: "region",
    clearance: "OFFICIAL",
  },
  protect: {
    name: "Pat Protect (demo)",
    organisationId: "west-midlands",
    scope: "force",
    clearance: "OFFICIAL-SENSITIVE",
  },
  prevent: {
    name: "Priya Prevent (demo)",
    organisationId: "rocuwm",
    scope: "region",
    clearance: "OFFICIAL-SENSITIVE",
  },
  board: { name: "Bea Board (demo)", organisationId: "rocuwm", scope: "region", clearance: "OFFICIAL" },
  applicant: {
    name: "Cass Applicant (demo)",
    organisationId: demoCsps[0].id,
    scope: "force",
    clearance: "OFFICIAL",
  },
};

/**
 * Seeds one demo user per role and marks the instance as holding demo data. Idempotent: users that
 * exist are left alone. Never called in production (see shouldSeedDemo).
 */
export async function seedDemo(
  db: Db,
  password: string,
  context: RequestContext = { actor: null, requestId: null, clientIp: null },
): Promise<{ created: string[] }> {
  const passwordHash = await hashPassword(password);
  const created: string[] = [];
  await db.transaction(async (tx) => {
    await tx.insert(instanceSettings).values({ key: "demo", value: true }).onConflictDoNothing();
    // Demo partnerships, not reference data: real CSPs are added by administrators (decision 007).
    await tx
      .insert(organisations)
      .values([...demoCsps])
      .onConflictDoNothing();
    for (const role of roles) {
      const profile = demoProfiles[role];
      const email = demoEmail(role);
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
      if (existing) continue;
      const [organisation] = await tx
        .select()
        .from(organisations)
        .where(eq(organisations.id, profile.organisationId));
      if (!organisation)
        throw new Error(`Demo organisation ${profile.organisationId} is missing from reference data`);
      const [user] = await tx
        .insert(users)
        .values({
          email,
          name: profile.name,
          organisationId: organisation.id,
          forceId: organisation.forceId,
          regionId: organisation.regionId,
          roles: [role],
          scope: profile.scope,
          clearance: profile.clearance,
          passwordHash,
          mustChangePassword: false,
          isDemo: true,
        })
        .returning();
      if (!user) throw new Error("insert returned no row");
      await recordAudit(
        tx,
        { actor: null, requestId: null, clientIp: null },
        {
          action: "user.create",
          entityType: "user",
          entityId: user.id,
          forceId: user.forceId,
          regionId: user.regionId,
          actorLabel: context.actor ? `${context.actor.email} (demo seed)` : "demo seed",
          changes: { email: { after: email }, roles: { after: [role] }, isDemo: { after: true } },
        },
      );
      created.push(email);
    }
  });
  // Demo records are made by the demo analyst, through the same services as the API.
  const [analyst] = await db
    .select()
    .from(users)
    .where(eq(users.email, demoEmail("analyst")));
  if (analyst) await seedDemoOcgs(db, { ...context, actor: actorFromUser(analyst) });
  await seedDemoOperations(db, context, demoEmail("supervisor"));
  await seedDemoOutcomes(db, context, demoEmail("investigator"));
  await seedDemoDisruptions(db, context, {
    claimant: demoEmail("investigator"),
    moderator: demoEmail("moderator"),
  });
  await seedDemoReferrals(db);
  const [supervisor] = await db
    .select()
    .from(users)
    .where(eq(users.email, demoEmail("supervisor")));
  if (supervisor) {
    const settings = await loadTriageSettings(db);
    await db.transaction((tx) => seedDemoReferralHistory(tx, settings, supervisor.id));
  }
  await seedDemoCyberChoices(db, context, demoEmail("prevent"));
  await seedDemoFunding(db, context, demoEmail("finance"));
  await seedDemoBids(db, context, {
    finance: demoEmail("finance"),
    board: demoEmail("board"),
    applicant: demoEmail("applicant"),
  });
  await seedDemoPosts(db, context, demoEmail("finance"));
  return { created };
}

export async function hasAnyUser(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).limit(1);
  return row !== undefined;
}
