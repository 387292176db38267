// The words of funding, with no dependencies so the web UI can import them too.

/** Where money comes from (DOMAIN.md, Funding). */
export const fundingSources = [
  "home-office-rocu-grant",
  "home-office-specific-grant",
  "police-transformation-fund",
  "national-cyber-security-programme",
  "force-contributions",
  "pcc-fund",
  "other",
] as const;
export type FundingSource = (typeof fundingSources)[number];

export const fundingSourceNames: Record<FundingSource, string> = {
  "home-office-rocu-grant": "Home Office main ROCU grant",
  "home-office-specific-grant": "Home Office specific grant",
  "police-transformation-fund": "Police Transformation Fund",
  "national-cyber-security-programme": "National Cyber Security Programme",
  "force-contributions": "Force contributions",
  "pcc-fund": "PCC fund",
  other: "Other",
};

/** What money is spent on: the categories a grant's conditions allow, and spend is recorded by. */
export const costCategories = [
  "staff",
  "overtime",
  "hardware",
  "software",
  "accommodation",
  "licensing",
  "vehicles",
  "equipment",
  "training",
  "travel",
  "communications",
  "other",
] as const;
export type CostCategory = (typeof costCategories)[number];

/** The kinds of crime a bid tackles and a budget pot pays for (the Alliance's pot names three). */
export const crimeAreas = [
  "rural",
  "business",
  "cyber",
  "fraud",
  "drugs",
  "exploitation",
  "violence",
  "other",
] as const;
export type CrimeArea = (typeof crimeAreas)[number];

/** A bid's life: board review, then each commissioner's decision on their share (decision 007). */
export const bidStatuses = [
  "draft",
  "submitted",
  "under-board-review",
  "recommended",
  "more-information-requested",
  "not-recommended",
  "approved",
  "approved-with-conditions",
  "declined",
  "funded",
  "closed",
] as const;
export type BidStatus = (typeof bidStatuses)[number];

export const decisionOutcomes = ["approved", "approved-with-conditions", "declined"] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];
