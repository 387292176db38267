// The words of the permission model, with no dependencies so the web UI can import them too.

export const roles = [
  "admin",
  "analyst",
  "investigator",
  "supervisor",
  "moderator",
  "finance",
  "protect",
  "prevent",
  "board",
  // Staff of a Community Safety Partnership (or another organisation) who bid for funding.
  "applicant",
] as const;
export type Role = (typeof roles)[number];

export const scopes = ["force", "region", "national"] as const;
export type Scope = (typeof scopes)[number];

/** Government Security Classifications, lowest first. */
export const classifications = ["OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET"] as const;
export type Classification = (typeof classifications)[number];

export const highestClassification = (a: Classification, b: Classification): Classification =>
  classifications.indexOf(a) >= classifications.indexOf(b) ? a : b;

export const tokenScopes = ["read", "write"] as const;
export type TokenScope = (typeof tokenScopes)[number];
