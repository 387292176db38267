import type { App, AppDeps } from "#src/http/types.ts";
import { cyberDashboard, dashboardQuery } from "./schema.ts";
import * as service from "./service.ts";

export function cyberDashboardRoutes(app: App, { db }: AppDeps): void {
  app.get("/api/v1/cyber-dashboard", {
    config: { access: "cyber.dashboard" },
    schema: {
      tags: ["Cyber crime referrals"],
      summary:
        "Cyber crime dashboard: referrals and losses by month, NFIB code, category, victim type and age band, loss band, triage outcome and victim contact target (counts only)",
      querystring: dashboardQuery,
      response: { 200: cyberDashboard },
    },
    handler: (request) => service.cyberDashboard(db, request.context, request.query),
  });
}
