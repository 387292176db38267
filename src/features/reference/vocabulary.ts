// The kinds of organisation, with no dependencies so the web UI can import them too.

/**
 * Forces, ROCUs and national bodies do the work; Offices of the Police and Crime Commissioner
 * (`opcc`) decide funding and Community Safety Partnerships (`csp`) bid for it. A force, OPCC or
 * CSP belongs to one force area (decision 007).
 */
export const organisationKinds = ["force", "rocu", "national", "opcc", "csp"] as const;
export type OrganisationKind = (typeof organisationKinds)[number];
