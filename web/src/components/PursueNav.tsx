import { NavLink } from "react-router";
import type { Permission } from "../api.ts";
import { useSession } from "../session.tsx";

/** The pages of the Organised crime area, in the order people work through them. */
const PAGES: readonly { to: string; label: string; permissions: Permission[]; end?: boolean }[] = [
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
  const { can } = useSession();
  const pages = PAGES.filter((page) => page.permissions.some((permission) => can(permission)));
  if (pages.length < 2) return null;
  return (
    <nav className="rocu-subnav" aria-label="Organised crime">
      <ul className="rocu-subnav__list">
        {pages.map((page) => (
          <li key={page.to} className="rocu-subnav__item">
            <NavLink
              to={page.to}
              end={page.end ?? false}
              className={({ isActive }) =>
                isActive
                  ? "govuk-link rocu-subnav__link rocu-subnav__link--current"
                  : "govuk-link rocu-subnav__link"
              }
            >
              {page.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
