import { NavLink } from "react-router";
import type { Permission } from "../api.ts";
import { useSession } from "../session.tsx";

/** The pages of the Organised crime area, in the order people work through them. */
const PAGES: readonly { to: string; label: string; permission: Permission; end?: boolean }[] = [
  { to: "/organised-crime", label: "OCGs", permission: "ocgs.read", end: true },
  { to: "/organised-crime/priority", label: "Priority list", permission: "ocgs.read" },
  { to: "/organised-crime/actions", label: "Overdue actions", permission: "ocgs.read" },
  { to: "/organised-crime/operations", label: "Operations", permission: "operations.read" },
  { to: "/organised-crime/disruptions", label: "Disruptions", permission: "disruptions.read" },
  { to: "/organised-crime/panels", label: "Moderation panels", permission: "disruptions.read" },
  { to: "/organised-crime/outcomes", label: "Outcomes", permission: "outcomes.read" },
  { to: "/organised-crime/totals", label: "Totals", permission: "pursue.totals" },
  { to: "/organised-crime/import", label: "Import", permission: "ocgs.manage" },
];

/** Section navigation shown at the top of every Organised crime page. */
export function PursueNav() {
  const { can } = useSession();
  const pages = PAGES.filter((page) => can(page.permission));
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
