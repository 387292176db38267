import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { CLEARANCES, type Clearance } from "../api.ts";
import { areasFor } from "../areas.ts";
import { useSession } from "../session.tsx";

const DESKTOP = "(min-width: 40.0625em)";

function useIsDesktop(): boolean {
  const [desktop, setDesktop] = useState(() => window.matchMedia(DESKTOP).matches);
  useEffect(() => {
    const query = window.matchMedia(DESKTOP);
    const update = () => setDesktop(query.matches);
    query.addEventListener("change", update);
    return () => query.removeEventListener("change", update);
  }, []);
  return desktop;
}

/** Pages showing records above OFFICIAL declare it, and the frame shows the marking top and bottom. */
const ClassificationContext = createContext<(level: Clearance | null) => void>(() => undefined);

export function useClassification(level: Clearance | null): void {
  const set = useContext(ClassificationContext);
  useEffect(() => {
    set(level);
    return () => set(null);
  }, [level, set]);
}

/** The highest marking above OFFICIAL among records shown together, or null when all are OFFICIAL. */
export function highestMarking(levels: readonly (Clearance | null | undefined)[]): Clearance | null {
  let best = 0;
  for (const level of levels) if (level) best = Math.max(best, CLEARANCES.indexOf(level));
  return best > 0 ? (CLEARANCES[best] ?? null) : null;
}

function ClassificationBanner({ level }: { level: Clearance }) {
  return (
    <div className={`rocu-classification rocu-classification--${level.toLowerCase()}`}>
      <span className="govuk-visually-hidden">Protective marking: </span>
      {level}
    </div>
  );
}

interface NavItem {
  to: string;
  text: string;
}

function ServiceNavigation({ items }: { items: NavItem[] }) {
  const location = useLocation();
  const desktop = useIsDesktop();
  const [open, setOpen] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: close the menu after every navigation.
  useEffect(() => {
    setOpen(false);
  }, [location.pathname]);
  return (
    <section className="govuk-service-navigation" aria-label="Service information">
      <div className="govuk-width-container">
        <div className="govuk-service-navigation__container">
          <nav aria-label="Areas" className="govuk-service-navigation__wrapper">
            <button
              type="button"
              className="govuk-service-navigation__toggle"
              aria-controls="navigation"
              aria-expanded={open}
              hidden={desktop}
              onClick={() => setOpen((value) => !value)}
            >
              Menu
            </button>
            <ul className="govuk-service-navigation__list" id="navigation" hidden={!desktop && !open}>
              {items.map((item) => {
                const active = location.pathname === item.to || location.pathname.startsWith(`${item.to}/`);
                return (
                  <li
                    key={item.to}
                    className={`govuk-service-navigation__item${active ? " govuk-service-navigation__item--active" : ""}`}
                  >
                    <Link
                      className="govuk-service-navigation__link"
                      to={item.to}
                      aria-current={active ? "true" : undefined}
                    >
                      {active ? (
                        <strong className="govuk-service-navigation__active-fallback">{item.text}</strong>
                      ) : (
                        item.text
                      )}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
        </div>
      </div>
    </section>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { instance, me, signOut, can } = useSession();
  const navigate = useNavigate();
  const [classification, setClassification] = useState<Clearance | null>(null);
  const [signingOut, setSigningOut] = useState(false);

  const showNavigation = Boolean(me && !me.mustChangePassword);
  const items: NavItem[] = areasFor(can).map((area) => ({ to: `/${area.slug}`, text: area.name }));
  if (can("users.read") || can("audit.read")) items.push({ to: "/admin", text: "Admin" });

  async function handleSignOut() {
    setSigningOut(true);
    try {
      await signOut();
    } catch {
      // The session is cleared locally whatever the server answered.
    } finally {
      setSigningOut(false);
      navigate("/login", { replace: true, state: { signedOut: true } });
    }
  }

  return (
    <ClassificationContext.Provider value={setClassification}>
      <a href="#main-content" className="govuk-skip-link">
        Skip to main content
      </a>
      {classification ? <ClassificationBanner level={classification} /> : null}
      <header className="govuk-header rocu-header" data-module="govuk-header">
        <div className="govuk-header__container govuk-width-container rocu-header__container">
          <div className="govuk-header__logo rocu-header__logo">
            <Link to="/" className="govuk-header__link govuk-header__link--homepage rocu-header__name">
              <span>ROCU Hub</span>
            </Link>
          </div>
          {me ? (
            <div className="rocu-header__user" data-testid="signed-in-user">
              <p className="rocu-header__user-name">
                <span className="govuk-visually-hidden">Signed in as </span>
                {me.name}
              </p>
              <p className="rocu-header__user-meta">
                {me.organisation.name}
                <span aria-hidden="true"> · </span>
                <span className="govuk-visually-hidden">, clearance </span>
                {me.clearance}
              </p>
              <p className="rocu-header__user-actions">
                {me.mustChangePassword ? null : (
                  <Link className="govuk-header__link rocu-header__action" to="/account">
                    My account
                  </Link>
                )}
                <button
                  type="button"
                  className="rocu-header__signout"
                  onClick={handleSignOut}
                  disabled={signingOut}
                >
                  Sign out
                </button>
              </p>
            </div>
          ) : null}
        </div>
      </header>
      {showNavigation ? <ServiceNavigation items={items} /> : null}
      <div className="govuk-width-container">
        {instance?.demo ? (
          <div className="govuk-phase-banner rocu-demo-banner" data-testid="demo-banner">
            <p className="govuk-phase-banner__content">
              <strong className="govuk-tag govuk-tag--orange govuk-phase-banner__content__tag">Demo</strong>
              <span className="govuk-phase-banner__text">
                <strong>Demo data — not for operational use.</strong> The people, organisations and records
                here are made up.
              </span>
            </p>
          </div>
        ) : null}
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer className="govuk-footer">
        <div className="govuk-width-container">
          <div className="govuk-footer__meta">
            <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
              <h2 className="govuk-visually-hidden">Support links</h2>
              <ul className="govuk-footer__inline-list">
                <li className="govuk-footer__inline-list-item">
                  <a className="govuk-footer__link" href="/api/docs">
                    API documentation
                  </a>
                </li>
                {me && !me.mustChangePassword ? (
                  <li className="govuk-footer__inline-list-item">
                    <Link className="govuk-footer__link" to="/account">
                      My account and API tokens
                    </Link>
                  </li>
                ) : null}
              </ul>
              <p className="govuk-body-s rocu-footer__text">
                {instance ? `${instance.name} version ${instance.version}` : "ROCU Hub"}
                {instance?.demo ? " — demonstration instance" : ""}
              </p>
            </div>
          </div>
        </div>
      </footer>
      {classification ? <ClassificationBanner level={classification} /> : null}
    </ClassificationContext.Provider>
  );
}
