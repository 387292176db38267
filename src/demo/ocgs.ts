import type { z } from "zod";
import type { RequestContext } from "#src/audit/audit.ts";
import type { Db } from "#src/db/database.ts";
import { ocgs } from "#src/db/schema.ts";
import { createOcgBody } from "#src/features/ocgs/schema.ts";
import { addPlanAction, createOcg } from "#src/features/ocgs/service.ts";
import { defaultModelDefinition } from "#src/features/scoring/model.ts";
import { createAssessment, finaliseAssessment } from "#src/features/scoring/service.ts";

/** Ratings in the default model's dimension order: five harms, vulnerability, scope, likelihood, confidence, capacity, capability. */
type RatingRow = [number, number, number, number, number, number, number, number, number, number, number];

interface DemoGroup {
  /** What a user would type into the form: defaults fill the rest. */
  ocg: z.input<typeof createOcgBody>;
  ratings: RatingRow;
  actions: {
    strand: "pursue" | "prevent" | "protect" | "prepare";
    description: string;
    owner: string;
    dueInDays: number;
  }[];
}

// Made-up groups in the West Midlands region, shaped like the seed documents describe it: drugs
// supply predominant, firearms the commonest secondary type of drugs groups.
const demoGroups: DemoGroup[] = [
  {
    ocg: {
      name: "Demo: Harbour Street network",
      leadForceId: "west-midlands",
      level: "regional",
      primaryCrimeType: "drugs-supply",
      secondaryCrimeTypes: ["firearms", "money-laundering"],
      forcesAffected: ["staffordshire"],
      estimatedSize: 24,
      classification: "OFFICIAL-SENSITIVE",
    },
    ratings: [4, 3, 3, 3, 1, 3, 2, 4, 2, 2, 3],
    actions: [
      {
        strand: "pursue",
        description: "Financial investigation into cash businesses",
        owner: "ROCU Financial Investigation",
        dueInDays: -10,
      },
      {
        strand: "prevent",
        description: "Diversion referrals for younger members",
        owner: "WMP Prevent team",
        dueInDays: 30,
      },
    ],
  },
  {
    ocg: {
      name: "Demo: Riverside county line",
      leadForceId: "west-mercia",
      level: "force-dedicated",
      primaryCrimeType: "county-lines",
      secondaryCrimeTypes: ["csea"],
      forcesAffected: ["warwickshire"],
      estimatedSize: 9,
      classification: "OFFICIAL-SENSITIVE",
    },
    ratings: [3, 3, 1, 3, 0, 4, 2, 3, 1, 2, 2],
    actions: [
      {
        strand: "protect",
        description: "Safeguarding visits to exploited children",
        owner: "West Mercia PPU",
        dueInDays: 7,
      },
    ],
  },
  {
    ocg: {
      name: "Demo: Canal Basin crew",
      leadForceId: "staffordshire",
      level: "force-theme",
      primaryCrimeType: "drugs-supply",
      secondaryCrimeTypes: ["violent-crime"],
      estimatedSize: 12,
      classification: "OFFICIAL",
    },
    ratings: [2, 2, 1, 2, 0, 1, 1, 3, 2, 3, 3],
    actions: [
      {
        strand: "pursue",
        description: "Warrants at two addresses",
        owner: "Staffordshire NPU North",
        dueInDays: -3,
      },
    ],
  },
  {
    ocg: {
      name: "Demo: Ledger invoice fraudsters",
      leadForceId: "warwickshire",
      level: "regional",
      primaryCrimeType: "fraud",
      secondaryCrimeTypes: ["cyber-dependent", "money-laundering"],
      forcesAffected: ["west-mercia", "west-midlands"],
      estimatedSize: 6,
      classification: "OFFICIAL-SENSITIVE",
    },
    ratings: [0, 2, 4, 2, 0, 2, 3, 3, 1, 1, 2],
    actions: [
      {
        strand: "protect",
        description: "Protect briefing for local businesses on invoice fraud",
        owner: "RCCU Protect",
        dueInDays: 21,
      },
    ],
  },
  {
    ocg: {
      name: "Demo: Northfield acquisitive group",
      leadForceId: "west-midlands",
      level: "local",
      primaryCrimeType: "acquisitive-crime",
      estimatedSize: 5,
      classification: "OFFICIAL",
    },
    ratings: [1, 1, 2, 2, 0, 1, 0, 2, 2, 3, 3],
    actions: [],
  },
];

const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Seeds a few scored OCGs with 4P actions, through the same services the API uses, if there are none. */
export async function seedDemoOcgs(db: Db, context: RequestContext): Promise<number> {
  const [existing] = await db.select({ id: ocgs.id }).from(ocgs).limit(1);
  if (existing) return 0;
  for (const group of demoGroups) {
    const ocg = await createOcg(db, context, createOcgBody.parse(group.ocg));
    for (const action of group.actions) {
      await addPlanAction(db, context, ocg.id, {
        strand: action.strand,
        description: action.description,
        owner: action.owner,
        dueOn: daysFromToday(action.dueInDays),
        status: "open",
      });
    }
    const ratings = Object.fromEntries(
      defaultModelDefinition.dimensions.map((dimension, index) => [
        dimension.key,
        { value: group.ratings[index] ?? 0, rationale: "Demo rating: made-up data for trying ROCU Hub." },
      ]),
    );
    const draft = await createAssessment(db, context, ocg.id, { assessedOn: daysFromToday(-14), ratings });
    await finaliseAssessment(db, context, draft.id);
  }
  return demoGroups.length;
}
