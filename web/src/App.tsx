import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation } from "react-router";
import type { Permission } from "./api.ts";
import { AREAS } from "./areas.ts";
import { Loading } from "./components/govuk.tsx";
import { Layout } from "./components/Layout.tsx";
import { AccountPage } from "./pages/AccountPage.tsx";
import { AdminHomePage } from "./pages/AdminHomePage.tsx";
import { AdviceCreatePage, AdviceDetailPage, AdviceLibraryPage } from "./pages/AdvicePages.tsx";
import { AreaPage } from "./pages/AreaPage.tsx";
import { AuditPage } from "./pages/AuditPage.tsx";
import { BidDetailPage } from "./pages/BidDetailPage.tsx";
import { BidCreatePage, BidEditPage } from "./pages/BidFormPages.tsx";
import { BidListPage } from "./pages/BidListPage.tsx";
import { ChangePasswordPage } from "./pages/ChangePasswordPage.tsx";
import { ContributionsPage } from "./pages/ContributionsPage.tsx";
import {
  CyberChoicesCreatePage,
  CyberChoicesDetailPage,
  CyberChoicesEditPage,
  CyberChoicesListPage,
} from "./pages/CyberChoicesPages.tsx";
import { CyberDashboardPage } from "./pages/CyberDashboardPage.tsx";
import { DecisionListPage } from "./pages/DecisionListPage.tsx";
import { DisruptionDetailPage } from "./pages/DisruptionDetailPage.tsx";
import { DisruptionCreatePage, DisruptionEditPage } from "./pages/DisruptionFormPages.tsx";
import { DisruptionListPage } from "./pages/DisruptionListPage.tsx";
import { ForbiddenPage, NotFoundPage } from "./pages/ErrorPages.tsx";
import { FormulaDetailPage } from "./pages/FormulaDetailPage.tsx";
import { FormulaCreatePage, FormulaVersionPage } from "./pages/FormulaFormPages.tsx";
import { FormulaListPage } from "./pages/FormulaListPage.tsx";
import { FundingReportPage } from "./pages/FundingReportPage.tsx";
import { FundingStreamDetailPage } from "./pages/FundingStreamDetailPage.tsx";
import { FundingStreamCreatePage, FundingStreamEditPage } from "./pages/FundingStreamFormPages.tsx";
import { FundingStreamListPage } from "./pages/FundingStreamListPage.tsx";
import { HomePage } from "./pages/HomePage.tsx";
import { ImportPage } from "./pages/ImportPage.tsx";
import { LoginPage } from "./pages/LoginPage.tsx";
import { OcgAssessPage } from "./pages/OcgAssessPage.tsx";
import { OcgDetailPage } from "./pages/OcgDetailPage.tsx";
import { OcgCreatePage, OcgEditPage } from "./pages/OcgFormPages.tsx";
import { OcgListPage } from "./pages/OcgListPage.tsx";
import { OperationDetailPage } from "./pages/OperationDetailPage.tsx";
import { OperationCreatePage, OperationEditPage } from "./pages/OperationFormPages.tsx";
import { OperationListPage } from "./pages/OperationListPage.tsx";
import { OrganisationsPage } from "./pages/OrganisationsPage.tsx";
import { OutcomeDetailPage } from "./pages/OutcomeDetailPage.tsx";
import { OutcomeCreatePage, OutcomeEditPage } from "./pages/OutcomeFormPages.tsx";
import { OutcomeListPage } from "./pages/OutcomeListPage.tsx";
import { OverdueActionsPage } from "./pages/OverdueActionsPage.tsx";
import { PanelCreatePage, PanelEditPage } from "./pages/PanelFormPages.tsx";
import { PanelListPage } from "./pages/PanelListPage.tsx";
import { PanelPage } from "./pages/PanelPage.tsx";
import { PostDetailPage } from "./pages/PostDetailPage.tsx";
import { PostCreatePage, PostEditPage } from "./pages/PostFormPages.tsx";
import { PostListPage } from "./pages/PostListPage.tsx";
import { PotCreatePage, PotEditPage } from "./pages/PotFormPages.tsx";
import { PotDetailPage, PotListPage } from "./pages/PotPages.tsx";
import { PriorityListPage } from "./pages/PriorityListPage.tsx";
import { RecordSpendPage } from "./pages/RecordSpendPage.tsx";
import { ReferralDetailPage } from "./pages/ReferralDetailPage.tsx";
import { ReferralCreatePage } from "./pages/ReferralFormPages.tsx";
import { ReferralImportPage } from "./pages/ReferralImportPage.tsx";
import { ReferralListPage } from "./pages/ReferralListPage.tsx";
import { ReferralQueuePage } from "./pages/ReferralQueuePage.tsx";
import { SpendMonitoringPage } from "./pages/SpendMonitoringPage.tsx";
import { TotalsPage } from "./pages/TotalsPage.tsx";
import { UnitTypesPage } from "./pages/UnitTypesPage.tsx";
import { UserCreatePage } from "./pages/UserCreatePage.tsx";
import { UserDetailPage } from "./pages/UserDetailPage.tsx";
import { UsersPage } from "./pages/UsersPage.tsx";
import { VictimCarePage } from "./pages/VictimCarePage.tsx";
import { SessionProvider, useSession } from "./session.tsx";

/** Only a path inside ROCU Hub may be a place to return to after sign in. */
export function safeNext(value: string | null | undefined): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/login")) return "/";
  return value;
}

function RequireAuth() {
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) return <Loading what="Checking your session" />;
  const here = `${location.pathname}${location.search}`;
  if (me === null) {
    const next = here === "/" ? "" : `?next=${encodeURIComponent(here)}`;
    return <Navigate to={`/login${next}`} replace />;
  }
  if (me.mustChangePassword && location.pathname !== "/change-password") {
    const next = here === "/" ? "" : `?next=${encodeURIComponent(here)}`;
    return <Navigate to={`/change-password${next}`} replace />;
  }
  return <Outlet />;
}

function RequirePermission({ any }: { any: Permission[] }) {
  const { can } = useSession();
  if (!any.some((permission) => can(permission))) return <ForbiddenPage />;
  return <Outlet />;
}

/** The area opens on the triage queue; staff who only see the counts open on the dashboard. */
function CyberCrimeHome() {
  const { can } = useSession();
  if (can("referrals.read")) return <ReferralQueuePage />;
  if (can("cyber.dashboard")) return <Navigate to="/cyber-crime/dashboard" replace />;
  return <ForbiddenPage />;
}

/** The Prevent team opens on Cyber Choices; everyone else on the Protect advice library. */
function PreventProtectHome() {
  const { can } = useSession();
  if (can("prevent.manage")) return <Navigate to="/prevent-protect/cyber-choices" replace />;
  if (can("referrals.read") || can("advice.manage")) return <Navigate to="/prevent-protect/advice" replace />;
  return <ForbiddenPage />;
}

/** The area opens on the OCG list; board members, who hold only the Pursue totals, open on those. */
function OrganisedCrimeHome() {
  const { can } = useSession();
  if (can("ocgs.read")) return <OcgListPage />;
  if (can("pursue.totals")) return <Navigate to="/organised-crime/totals" replace />;
  return <ForbiddenPage />;
}

/** Funding opens on the formulas for those who read its money, on the bids for applicants. */
function FundingHome() {
  const { can } = useSession();
  return <Navigate to={can("funding.read") ? "/funding/formulas" : "/funding/bids"} replace />;
}

export function App() {
  return (
    <BrowserRouter>
      <SessionRoot />
    </BrowserRouter>
  );
}

function SessionRoot() {
  return (
    <SessionProvider>
      <Layout>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route element={<RequireAuth />}>
            <Route index element={<HomePage />} />
            <Route path="change-password" element={<ChangePasswordPage />} />
            <Route path="account" element={<AccountPage />} />
            {AREAS.filter((area) => area.permissions === undefined).map((area) => (
              <Route key={area.slug} path={area.slug} element={<AreaPage area={area} />} />
            ))}
            <Route path="organised-crime">
              <Route index element={<OrganisedCrimeHome />} />
              <Route path="totals" element={<RequirePermission any={["pursue.totals"]} />}>
                <Route index element={<TotalsPage />} />
              </Route>
              <Route element={<RequirePermission any={["ocgs.read"]} />}>
                <Route path="priority" element={<PriorityListPage />} />
                <Route path="actions" element={<OverdueActionsPage />} />
                <Route element={<RequirePermission any={["ocgs.manage"]} />}>
                  <Route path="ocgs/new" element={<OcgCreatePage />} />
                  <Route path="ocgs/:id/edit" element={<OcgEditPage />} />
                </Route>
                <Route path="ocgs/:id" element={<OcgDetailPage />} />
                <Route element={<RequirePermission any={["ocgs.assess"]} />}>
                  <Route path="ocgs/:id/assess" element={<OcgAssessPage />} />
                </Route>
                <Route
                  path="import"
                  element={
                    <RequirePermission any={["ocgs.manage", "disruptions.claim", "outcomes.record"]} />
                  }
                >
                  <Route index element={<ImportPage />} />
                </Route>
                <Route path="operations" element={<RequirePermission any={["operations.read"]} />}>
                  <Route index element={<OperationListPage />} />
                  <Route element={<RequirePermission any={["operations.manage"]} />}>
                    <Route path="new" element={<OperationCreatePage />} />
                    <Route path=":id/edit" element={<OperationEditPage />} />
                  </Route>
                  <Route path=":id" element={<OperationDetailPage />} />
                </Route>
                <Route path="outcomes" element={<RequirePermission any={["outcomes.read"]} />}>
                  <Route index element={<OutcomeListPage />} />
                  <Route element={<RequirePermission any={["outcomes.record"]} />}>
                    <Route path="new" element={<OutcomeCreatePage />} />
                    <Route path=":id/edit" element={<OutcomeEditPage />} />
                  </Route>
                  <Route path=":id" element={<OutcomeDetailPage />} />
                </Route>
                <Route path="disruptions" element={<RequirePermission any={["disruptions.read"]} />}>
                  <Route index element={<DisruptionListPage />} />
                  <Route element={<RequirePermission any={["disruptions.claim"]} />}>
                    <Route path="new" element={<DisruptionCreatePage />} />
                    <Route path=":id/edit" element={<DisruptionEditPage />} />
                  </Route>
                  <Route path=":id" element={<DisruptionDetailPage />} />
                </Route>
                <Route path="panels" element={<RequirePermission any={["disruptions.read"]} />}>
                  <Route index element={<PanelListPage />} />
                  <Route element={<RequirePermission any={["disruptions.moderate"]} />}>
                    <Route path="new" element={<PanelCreatePage />} />
                    <Route path=":id/edit" element={<PanelEditPage />} />
                  </Route>
                  <Route path=":id" element={<PanelPage />} />
                </Route>
              </Route>
            </Route>
            <Route path="cyber-crime">
              <Route index element={<CyberCrimeHome />} />
              <Route path="dashboard" element={<RequirePermission any={["cyber.dashboard"]} />}>
                <Route index element={<CyberDashboardPage />} />
              </Route>
              <Route path="referrals" element={<RequirePermission any={["referrals.read"]} />}>
                <Route index element={<ReferralListPage />} />
                <Route element={<RequirePermission any={["referrals.intake"]} />}>
                  <Route path="new" element={<ReferralCreatePage />} />
                </Route>
                <Route path=":id" element={<ReferralDetailPage />} />
              </Route>
              <Route path="import" element={<RequirePermission any={["referrals.intake"]} />}>
                <Route index element={<ReferralImportPage />} />
              </Route>
              <Route path="victim-care" element={<RequirePermission any={["victims.contact"]} />}>
                <Route index element={<VictimCarePage />} />
              </Route>
            </Route>
            <Route path="prevent-protect">
              <Route index element={<PreventProtectHome />} />
              <Route path="advice" element={<RequirePermission any={["referrals.read", "advice.manage"]} />}>
                <Route index element={<AdviceLibraryPage />} />
                <Route element={<RequirePermission any={["advice.manage"]} />}>
                  <Route path="new" element={<AdviceCreatePage />} />
                </Route>
                <Route path=":slug" element={<AdviceDetailPage />} />
              </Route>
              <Route path="cyber-choices" element={<RequirePermission any={["prevent.manage"]} />}>
                <Route index element={<CyberChoicesListPage />} />
                <Route path="new" element={<CyberChoicesCreatePage />} />
                <Route path=":id" element={<CyberChoicesDetailPage />} />
                <Route path=":id/edit" element={<CyberChoicesEditPage />} />
              </Route>
            </Route>
            <Route path="funding" element={<RequirePermission any={["funding.read", "funding.bids.read"]} />}>
              <Route index element={<FundingHome />} />
              <Route path="bids" element={<RequirePermission any={["funding.bids.read"]} />}>
                <Route index element={<BidListPage />} />
                <Route element={<RequirePermission any={["funding.bid"]} />}>
                  <Route path="new" element={<BidCreatePage />} />
                  <Route path=":id/edit" element={<BidEditPage />} />
                </Route>
                <Route path=":id" element={<BidDetailPage />} />
              </Route>
              <Route element={<RequirePermission any={["funding.read"]} />}>
                <Route path="decisions" element={<DecisionListPage />} />
                <Route path="reports" element={<FundingReportPage />} />
                <Route path="pots">
                  <Route index element={<PotListPage />} />
                  <Route element={<RequirePermission any={["funding.manage"]} />}>
                    <Route path="new" element={<PotCreatePage />} />
                    <Route path=":id/edit" element={<PotEditPage />} />
                  </Route>
                  <Route path=":id" element={<PotDetailPage />} />
                </Route>
                <Route path="formulas">
                  <Route index element={<FormulaListPage />} />
                  <Route element={<RequirePermission any={["funding.manage"]} />}>
                    <Route path="new" element={<FormulaCreatePage />} />
                    <Route path=":id/versions/new" element={<FormulaVersionPage />} />
                  </Route>
                  <Route path=":id" element={<FormulaDetailPage />} />
                </Route>
                <Route path="streams">
                  <Route index element={<FundingStreamListPage />} />
                  <Route element={<RequirePermission any={["funding.manage"]} />}>
                    <Route path="new" element={<FundingStreamCreatePage />} />
                    <Route path=":id/edit" element={<FundingStreamEditPage />} />
                    <Route path=":id/spend/new" element={<RecordSpendPage />} />
                  </Route>
                  <Route path=":id" element={<FundingStreamDetailPage />} />
                  <Route path=":id/monitoring" element={<SpendMonitoringPage />} />
                </Route>
                <Route path="posts">
                  <Route index element={<PostListPage />} />
                  <Route element={<RequirePermission any={["funding.manage"]} />}>
                    <Route path="new" element={<PostCreatePage />} />
                    <Route path=":id/edit" element={<PostEditPage />} />
                  </Route>
                  <Route path=":id" element={<PostDetailPage />} />
                </Route>
                <Route path="contributions" element={<ContributionsPage />} />
              </Route>
            </Route>
            <Route path="admin" element={<RequirePermission any={["users.read", "audit.read"]} />}>
              <Route index element={<AdminHomePage />} />
              <Route element={<RequirePermission any={["users.read"]} />}>
                <Route path="users" element={<UsersPage />} />
                <Route path="users/:id" element={<UserDetailPage />} />
              </Route>
              <Route element={<RequirePermission any={["users.manage"]} />}>
                <Route path="users/new" element={<UserCreatePage />} />
              </Route>
              <Route element={<RequirePermission any={["audit.read"]} />}>
                <Route path="audit" element={<AuditPage />} />
              </Route>
              <Route path="unit-types" element={<UnitTypesPage />} />
              <Route path="organisations" element={<OrganisationsPage />} />
            </Route>
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </Layout>
    </SessionProvider>
  );
}
