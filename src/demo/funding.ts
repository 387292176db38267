import { eq } from "drizzle-orm";
import type { RequestContext } from "#src/audit/audit.ts";
import { actorFromUser } from "#src/auth/sessions.ts";
import type { Db } from "#src/db/database.ts";
import { fundingFormulas, fundingPosts, fundingPots, fundingStreams, users } from "#src/db/schema.ts";
import type { BidView, CreateBidInput } from "#src/features/funding/bids-schema.ts";
import { createBid, reviewBid, submitBid } from "#src/features/funding/bids-service.ts";
import { recordDecision } from "#src/features/funding/decisions-service.ts";
import type { CreatePostInput } from "#src/features/funding/posts-schema.ts";
import { createPost } from "#src/features/funding/posts-service.ts";
import { createPot } from "#src/features/funding/pots-service.ts";
import type { CreateStreamInput } from "#src/features/funding/schema.ts";
import { createFormula, createStream } from "#src/features/funding/service.ts";
import { recordSpend } from "#src/features/funding/spend-service.ts";

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
  const ptf = await createStream(db, as, {
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
  // Six months of the posts at £6,400 a month forecast £76,800 of the £120,000, so monitoring
  // warns that £43,200 may lapse; a laptop bought from the stream shows as ineligible spend.
  await recordSpend(db, as, ptf.id, {
    lines: [
      ...["2018-04", "2018-05", "2018-06", "2018-07", "2018-08", "2018-09"].map((month) => ({
        month,
        category: "staff" as const,
        amountPence: pounds(6_400),
        note: "Two cyber-dependent crime investigators",
      })),
      { month: "2018-09", category: "hardware", amountPence: pounds(1_150), note: "Forensic laptop" },
    ],
  });
  return 6;
}

/**
 * Seeds the Alliance's bids picture, if there are no pots yet: the two commissioners' £1.5 million
 * a year for rural, business and cyber crime projects; a Worcestershire CSP bid taken through the
 * board to approval from that pot; and an alliance-wide bid split 69 / 31, which West Mercia has
 * approved and Warwickshire has still to decide. Each step by the demo user whose job it is.
 */
export async function seedDemoBids(
  db: Db,
  context: RequestContext,
  emails: { finance: string; board: string; applicant: string },
): Promise<number> {
  const [existing] = await db.select({ id: fundingPots.id }).from(fundingPots).limit(1);
  if (existing) return 0;
  const as = async (email: string) => {
    const [user] = await db.select().from(users).where(eq(users.email, email));
    return user ? { ...context, actor: actorFromUser(user) } : null;
  };
  const [finance, board, applicant] = await Promise.all([
    as(emails.finance),
    as(emails.board),
    as(emails.applicant),
  ]);
  if (!finance || !board || !applicant) return 0;

  const pot = await createPot(db, finance, {
    name: "Alliance rural, business and cyber crime fund",
    crimeAreas: ["rural", "business", "cyber"],
    contributorOrganisationIds: ["opcc-west-mercia", "opcc-warwickshire"],
    amounts: [
      { financialYear: "2018/19", amountPence: pounds(1_500_000) },
      { financialYear: "2019/20", amountPence: pounds(1_500_000) },
    ],
    decisionReference: "Demo: Alliance commissioners 2018-03",
    notes: "",
    classification: "OFFICIAL",
  });

  const recommend = async (input: CreateBidInput) => {
    const bid = await createBid(db, applicant, input);
    await submitBid(db, applicant, bid.id, {});
    await reviewBid(db, board, bid.id, { status: "under-board-review" });
    return reviewBid(db, board, bid.id, {
      status: "recommended",
      reason: "Demo: meets the panel's criteria for partnership crime projects",
    });
  };
  const approve = (bid: BidView, office: string, reference: string) =>
    recordDecision(db, finance, bid.id, {
      reference,
      decisionMakerOrganisationId: office,
      decidedOn: "2018-07-12",
      outcome: "approved",
      amounts: bid.shares
        .filter((share) => share.decisionMaker.id === office && share.amountPence > 0)
        .map((share) => ({ financialYear: share.financialYear, amountPence: share.amountPence })),
      conditions: "",
      publishedSummary: `The commissioner approves ${bid.title} from the Alliance fund`,
      potId: pot.id,
    });

  const farmWatch = await recommend({
    title: "Farm watch and rural crime prevention",
    purpose: "A rural crime coordinator, trail cameras and farm watch schemes across Worcestershire",
    strand: "prevent",
    crimeArea: "rural",
    forceAreas: ["west-mercia"],
    costs: [
      { financialYear: "2018/19", category: "staff", amountPence: pounds(25_000) },
      { financialYear: "2018/19", category: "equipment", amountPence: pounds(15_000) },
      { financialYear: "2019/20", category: "staff", amountPence: pounds(25_000) },
    ],
    classification: "OFFICIAL",
  });
  await approve(farmWatch, "opcc-west-mercia", "Demo: WM PCC decision 2018/031");

  const cyberProtect = await recommend({
    title: "Alliance small business cyber protect campaign",
    purpose: "Cyber Essentials workshops and Protect advice for small businesses in both force areas",
    strand: "protect",
    crimeArea: "cyber",
    forceAreas: ["west-mercia", "warwickshire"],
    costs: [{ financialYear: "2018/19", category: "communications", amountPence: pounds(100_000) }],
    classification: "OFFICIAL",
  });
  await approve(cyberProtect, "opcc-west-mercia", "Demo: WM PCC decision 2018/032");
  return 3;
}

/**
 * Seeds the staff the four West Midlands forces second to the ROCU in 2018/19, if there are no
 * posts yet, so that the contributions reconciliation shows forces over and under their shares.
 * One post is paid by the Police Transformation Fund, so it does not count as a contribution.
 */
export async function seedDemoPosts(db: Db, context: RequestContext, financeEmail: string): Promise<number> {
  const [existing] = await db.select({ id: fundingPosts.id }).from(fundingPosts).limit(1);
  if (existing) return 0;
  const [finance] = await db.select().from(users).where(eq(users.email, financeEmail));
  const [formula] = await db
    .select()
    .from(fundingFormulas)
    .where(eq(fundingFormulas.name, "West Midlands ROCU force contributions"));
  const [ptf] = await db
    .select({ id: fundingStreams.id })
    .from(fundingStreams)
    .where(eq(fundingStreams.name, "Police Transformation Fund: cyber-dependent crime posts"));
  if (!finance || !formula) return 0;
  const as = { ...context, actor: actorFromUser(finance) };
  const staff = (
    organisationId: string,
    roleTitle: string,
    fteBasisPoints: number,
    annualPounds: number,
    startsOn = "2018-04-01",
  ): Omit<CreatePostInput, "formulaId" | "notes" | "classification"> => ({
    organisationId,
    roleTitle,
    fteBasisPoints,
    annualCostPence: pounds(annualPounds),
    startsOn,
    endsOn: null,
    fundingStreamId: null,
  });
  const posts = [
    staff("west-midlands", "Detective Inspector, regional cyber crime unit", 10_000, 68_000),
    staff("west-midlands", "Detective Sergeant, Pursue", 10_000, 55_000),
    staff("west-midlands", "Cyber crime investigator", 10_000, 42_000),
    staff("west-midlands", "Intelligence analyst", 5_000, 34_000),
    staff("west-mercia", "Detective Constable, Pursue", 10_000, 44_000),
    staff("west-mercia", "Digital media investigator", 8_000, 38_000, "2018-07-01"),
    staff("warwickshire", "Prevent officer", 10_000, 36_000),
    staff("staffordshire", "Protect officer", 10_000, 37_000),
    staff("staffordshire", "Researcher", 6_000, 28_000),
  ];
  if (ptf) {
    posts.push({
      ...staff("west-midlands", "Cyber-dependent crime investigator", 10_000, 38_400),
      endsOn: "2019-03-31",
      fundingStreamId: ptf.id,
    });
  }
  for (const post of posts) {
    await createPost(db, as, { ...post, formulaId: formula.id, notes: "", classification: "OFFICIAL" });
  }
  return posts.length;
}
