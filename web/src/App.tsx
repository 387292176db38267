import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation } from "react-router";
import type { Permission } from "./api.ts";
import { AREAS } from "./areas.ts";
import { Loading } from "./components/govuk.tsx";
import { Layout } from "./components/Layout.tsx";
import { AccountPage } from "./pages/AccountPage.tsx";
import { AdminHomePage } from "./pages/AdminHomePage.tsx";
import { AreaPage } from "./pages/AreaPage.tsx";
import { AuditPage } from "./pages/AuditPage.tsx";
import { ChangePasswordPage } from "./pages/ChangePasswordPage.tsx";
import { ForbiddenPage, NotFoundPage } from "./pages/ErrorPages.tsx";
import { HomePage } from "./pages/HomePage.tsx";
import { LoginPage } from "./pages/LoginPage.tsx";
import { OcgAssessPage } from "./pages/OcgAssessPage.tsx";
import { OcgDetailPage } from "./pages/OcgDetailPage.tsx";
import { OcgCreatePage, OcgEditPage } from "./pages/OcgFormPages.tsx";
import { OcgListPage } from "./pages/OcgListPage.tsx";
import { OverdueActionsPage } from "./pages/OverdueActionsPage.tsx";
import { PriorityListPage } from "./pages/PriorityListPage.tsx";
import { UnitTypesPage } from "./pages/UnitTypesPage.tsx";
import { UserCreatePage } from "./pages/UserCreatePage.tsx";
import { UserDetailPage } from "./pages/UserDetailPage.tsx";
import { UsersPage } from "./pages/UsersPage.tsx";
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
            {AREAS.filter((area) => area.slug !== "organised-crime").map((area) => (
              <Route key={area.slug} path={area.slug} element={<AreaPage area={area} />} />
            ))}
            <Route path="organised-crime" element={<RequirePermission any={["ocgs.read"]} />}>
              <Route index element={<OcgListPage />} />
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
            </Route>
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </Layout>
    </SessionProvider>
  );
}
