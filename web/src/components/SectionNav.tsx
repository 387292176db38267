import { NavLink } from "react-router";
import type { Permission } from "../api.ts";
import { useSession } from "../session.tsx";

export interface SectionPage {
  to: string;
  label: string;
  /** Shown to holders of any of these. */
  permissions: readonly Permission[];
  /** Current only on this exact path (for a section's home page). */
  end?: boolean;
}

/** The navigation at the top of every page of an area: the pages this user may open. */
export function SectionNav({ label, pages }: { label: string; pages: readonly SectionPage[] }) {
  const { can } = useSession();
  const visible = pages.filter((page) => page.permissions.some((permission) => can(permission)));
  if (visible.length < 2) return null;
  return (
    <nav className="rocu-subnav" aria-label={label}>
      <ul className="rocu-subnav__list">
        {visible.map((page) => (
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
