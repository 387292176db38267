import type { Permission } from "./api.ts";

/** The areas of ROCU Hub, in navigation order. */
export interface Area {
  slug: string;
  name: string;
  summary: string;
  /** Shown only to users holding any of these permissions (areas still to come are shown to everyone). */
  permissions?: readonly Permission[];
}

export const AREAS: readonly Area[] = [
  {
    slug: "organised-crime",
    name: "Organised crime",
    summary: "Organised crime groups, their mapping and scoring, and the operations against them.",
    // Board members hold only the totals: the area opens on those for them.
    permissions: ["ocgs.read", "pursue.totals"],
  },
  {
    slug: "cyber-crime",
    name: "Cyber crime",
    summary: "Cyber crime reports, triage against targets, victim care and investigations.",
    // Everyone sees the dashboard: the extent of cyber crime should be visible to all staff.
    permissions: ["referrals.read", "cyber.dashboard"],
  },
  {
    slug: "prevent-protect",
    name: "Prevent & Protect",
    summary: "Prevent interventions and Protect engagement with victims, businesses and the public.",
    permissions: ["referrals.read", "advice.manage", "prevent.manage"],
  },
  {
    slug: "funding",
    name: "Funding",
    summary: "Grant funding, budgets and spend across regional and force units.",
    // Applicants hold only their bids: the area opens on those for them.
    permissions: ["funding.read", "funding.bids.read"],
  },
  {
    slug: "reports",
    name: "Reports",
    summary: "Performance and assurance reports for boards, regions and national partners.",
  },
];

/** The areas a user may open, given what they can do. */
export function areasFor(can: (permission: Permission) => boolean): Area[] {
  return AREAS.filter((area) => !area.permissions || area.permissions.some((permission) => can(permission)));
}
