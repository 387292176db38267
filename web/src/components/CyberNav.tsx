import { SectionNav, type SectionPage } from "./SectionNav.tsx";

/** The pages of the Cyber crime area, in the order people work through them. */
const CYBER_PAGES: readonly SectionPage[] = [
  { to: "/cyber-crime", label: "Triage queue", permissions: ["referrals.read"], end: true },
  { to: "/cyber-crime/referrals", label: "All referrals", permissions: ["referrals.read"] },
  { to: "/cyber-crime/victim-care", label: "Victim care", permissions: ["victims.contact"] },
  { to: "/cyber-crime/dashboard", label: "Dashboard", permissions: ["cyber.dashboard"] },
  { to: "/cyber-crime/import", label: "Import", permissions: ["referrals.intake"] },
];

/** Section navigation shown at the top of every Cyber crime page. */
export function CyberNav() {
  return <SectionNav label="Cyber crime" pages={CYBER_PAGES} />;
}

/** The pages of the Prevent & Protect area. */
const PREVENT_PROTECT_PAGES: readonly SectionPage[] = [
  {
    to: "/prevent-protect/advice",
    label: "Protect advice",
    permissions: ["referrals.read", "advice.manage"],
  },
  { to: "/prevent-protect/cyber-choices", label: "Cyber Choices", permissions: ["prevent.manage"] },
];

export function PreventProtectNav() {
  return <SectionNav label="Prevent and Protect" pages={PREVENT_PROTECT_PAGES} />;
}
