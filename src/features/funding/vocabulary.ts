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
