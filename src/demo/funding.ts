import { eq } from "drizzle-orm";
import type { RequestContext } from "#src/audit/audit.ts";
import { actorFromUser } from "#src/auth/sessions.ts";
import type { Db } from "#src/db/database.ts";
import { fundingFormulas, users } from "#src/db/schema.ts";
import type { CreateStreamInput } from "#src/features/funding/schema.ts";
import { createFormula, createStream } from "#src/features/funding/service.ts";

const pounds = (amount: number) => amount * 100;

/**
 * Seeds the West Midlands funding picture of 2018/19, if there are no formulas yet: the regional
 * contribution formula (57 / 26 / 17, with the Alliance's 26% split 69 / 31) and the ROCU's
 * streams, with amounts and conditions as the source documents give them. Made by the demo
 * finance officer (region scope) through the same services as the API.
 */
export async function seedDemoFunding(
  db: Db,
  context: RequestContext,
  financeEmail: string,
): Promise<number> {
  const [existing] = await db.select({ id: fundingFormulas.id }).from(fundingFormulas).limit(1);
  if (existing) return 0;
  const [finance] = await db.select().from(users).where(eq(users.email, financeEmail));
  if (!finance) return 0;
  const as = { ...context, actor: actorFromUser(finance) };

  const alliance = await createFormula(db, as, {
    name: "The Alliance (West Mercia and Warwickshire)",
    scopeDescription: "Projects spanning both Alliance force areas",
    ownerOrganisationId: "west-mercia",
    financialYear: "2018/19",
    decisionReference: "Demo: Alliance Governance Group 2018-02",
    notes: "",
    parts: [
      { partyOrganisationId: "west-mercia", shareBasisPoints: 6_900 },
      { partyOrganisationId: "warwickshire", shareBasisPoints: 3_100 },
    ],
    classification: "OFFICIAL",
  });
  await createFormula(db, as, {
    name: "West Midlands ROCU force contributions",
    scopeDescription: "West Midlands region",
    ownerOrganisationId: "rocuwm",
    financialYear: "2018/19",
    decisionReference: "Demo: ROCU Executive Board 2018-03",
    notes: "",
    parts: [
      { partyOrganisationId: "west-midlands", shareBasisPoints: 5_700 },
      { nestedFormulaId: alliance.id, shareBasisPoints: 2_600 },
      { partyOrganisationId: "staffordshire", shareBasisPoints: 1_700 },
    ],
    classification: "OFFICIAL",
  });

  const stream: Omit<CreateStreamInput, "source" | "name" | "amounts"> = {
    recipientOrganisationId: "rocuwm",
    decisionReference: "",
    allowedCategories: [],
    matchFunding: null,
    carriesOver: false,
    notes: "",
    classification: "OFFICIAL",
  };
  await createStream(db, as, {
    ...stream,
    source: "home-office-rocu-grant",
    name: "Home Office ROCU grant",
    decisionReference: "Demo: Home Office grant letter 2018/19",
    amounts: [{ financialYear: "2018/19", amountPence: pounds(2_400_000) }],
  });
  await createStream(db, as, {
    ...stream,
    source: "national-cyber-security-programme",
    name: "National Cyber Security Programme",
    amounts: [{ financialYear: "2018/19", amountPence: pounds(180_000) }],
    allowedCategories: [
      "hardware",
      "software",
      "accommodation",
      "licensing",
      "vehicles",
      "equipment",
      "training",
    ],
  });
  // Amounts as in MOPAC decision PCD 510: £250,000 a year for two years, and a £120,000 PTF bid.
  await createStream(db, as, {
    ...stream,
    source: "home-office-specific-grant",
    name: "Cyber crime capability grant",
    decisionReference: "Demo: PCD 510",
    amounts: [
      { financialYear: "2018/19", amountPence: pounds(250_000) },
      { financialYear: "2019/20", amountPence: pounds(250_000) },
    ],
  });
  await createStream(db, as, {
    ...stream,
    source: "police-transformation-fund",
    name: "Police Transformation Fund: cyber-dependent crime posts",
    decisionReference: "Demo: PCD 510",
    amounts: [{ financialYear: "2018/19", amountPence: pounds(120_000) }],
    allowedCategories: ["staff"],
    matchFunding: {
      shareBasisPoints: 5_000,
      category: "staff",
      condition: "Posts dedicated to cyber-dependent crime",
    },
  });
  return 6;
}
