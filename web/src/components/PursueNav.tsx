import { SectionNav, type SectionPage } from "./SectionNav.tsx";

/** The pages of the Organised crime area, in the order people work through them. */
const PAGES: readonly SectionPage[] = [
  { to: "/organised-crime", label: "OCGs", permissions: ["ocgs.read"], end: true },
  { to: "/organised-crime/priority", label: "Priority list", permissions: ["ocgs.read"] },
  { to: "/organised-crime/actions", label: "Overdue actions", permissions: ["ocgs.read"] },
  { to: "/organised-crime/operations", label: "Operations", permissions: ["operations.read"] },
  { to: "/organised-crime/disruptions", label: "Disruptions", permissions: ["disruptions.read"] },
  { to: "/organised-crime/panels", label: "Moderation panels", permissions: ["disruptions.read"] },
  { to: "/organised-crime/outcomes", label: "Outcomes", permissions: ["outcomes.read"] },
  { to: "/organised-crime/totals", label: "Totals", permissions: ["pursue.totals"] },
  {
    to: "/organised-crime/import",
    label: "Import",
    permissions: ["ocgs.manage", "disruptions.claim", "outcomes.record"],
  },
];

/** Section navigation shown at the top of every Organised crime page. */
export function PursueNav() {
  return <SectionNav label="Organised crime" pages={PAGES} />;
}
