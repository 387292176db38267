import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import { sql } from "drizzle-orm";
import Fastify, { type FastifyReply, type FastifyRequest } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { auditRoutes } from "#src/audit/routes.ts";
import { can } from "#src/auth/policy.ts";
import { actorForSession, sessionCookieName } from "#src/auth/sessions.ts";
import type { Config } from "#src/config.ts";
import type { Database } from "#src/db/database.ts";
import { migrationsUpToDate } from "#src/db/migrate.ts";
import { instanceSettings } from "#src/db/schema.ts";
import { authRoutes } from "#src/features/auth/routes.ts";
import { cyberChoicesRoutes } from "#src/features/cyber-choices/routes.ts";
import { cyberDashboardRoutes } from "#src/features/cyber-dashboard/routes.ts";
import { panelRoutes } from "#src/features/disruptions/panels-routes.ts";
import { disruptionRoutes } from "#src/features/disruptions/routes.ts";
import { fundingBidRoutes } from "#src/features/funding/bids-routes.ts";
import { fundingPostRoutes } from "#src/features/funding/posts-routes.ts";
import { fundingReportRoutes } from "#src/features/funding/reports-routes.ts";
import { fundingRoutes } from "#src/features/funding/routes.ts";
import { fundingSpendRoutes } from "#src/features/funding/spend-routes.ts";
import { importRoutes } from "#src/features/imports/routes.ts";
import { ocgRoutes } from "#src/features/ocgs/routes.ts";
import { operationRoutes } from "#src/features/operations/routes.ts";
import { outcomeRoutes } from "#src/features/outcomes/routes.ts";
import { protectAdviceRoutes } from "#src/features/protect-advice/routes.ts";
import { referenceRoutes } from "#src/features/reference/routes.ts";
import { referralImportRoutes } from "#src/features/referrals/import/routes.ts";
import { referralRoutes } from "#src/features/referrals/routes.ts";
import { scoringRoutes } from "#src/features/scoring/routes.ts";
import { tokenRoutes } from "#src/features/tokens/routes.ts";
import { actorForApiToken } from "#src/features/tokens/service.ts";
import { userRoutes } from "#src/features/users/routes.ts";
import { victimCareRoutes } from "#src/features/victim-care/routes.ts";
import { AppError } from "#src/lib/errors.ts";
import "#src/lib/validation.ts";
import { handleError, sendProblem } from "./errors.ts";
import type { App, AppDeps } from "./types.ts";

const packageJson = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};
const webRoot = new URL("../../dist/web/", import.meta.url);
const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export async function buildApp(database: Database, config: Config): Promise<App> {
  const app = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      // Credentials never reach the log.
      redact: [
        "req.headers.authorization",
        "req.headers.cookie",
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
      ],
    },
    bodyLimit: config.ROCU_BODY_LIMIT_BYTES,
    trustProxy: config.ROCU_TRUST_PROXY,
    requestIdHeader: false,
    genReqId: () => randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  const deps: AppDeps = { db: database.db, config };
  app.decorateRequest("actor", null);
  app.decorateRequest("viaApiToken", false);
  app.decorateRequest("context", null as unknown as FastifyRequest["context"]);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
      },
    },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyCsrf, {
    sessionPlugin: "@fastify/cookie",
    cookieKey: "rocu_csrf",
    cookieOpts: {
      path: "/",
      httpOnly: true,
      sameSite: "strict",
      secure: config.ROCU_SECURE_COOKIES ?? config.NODE_ENV === "production",
    },
    getToken: (request) => request.headers["x-csrf-token"] as string | undefined,
  });
  await app.register(fastifyRateLimit, { max: config.ROCU_RATE_LIMIT_PER_MINUTE, timeWindow: "1 minute" });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "ROCU Hub API",
        version: packageJson.version,
        description:
          "REST API of ROCU Hub. Authenticate with a session cookie (browser; send x-csrf-token on changes) or `Authorization: Bearer <API token>`. Errors are application/problem+json (RFC 9457).",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: sessionCookieName },
          bearer: { type: "http", scheme: "bearer" },
        },
      },
    },
    transform: (input) => {
      const transformed = jsonSchemaTransform(input);
      const { access = "signed-in", record } = input.route.config ?? {};
      return {
        ...transformed,
        schema: {
          ...transformed.schema,
          "x-rocu-access": access,
          ...(record ? { "x-rocu-record": record } : {}),
          ...(access === "public" ? {} : { security: [{ session: [] }, { bearer: [] }] }),
        },
      };
    },
  });
  // The API documentation pages are public, like the OpenAPI document they render.
  app.addHook("onRoute", (route) => {
    if (route.url.startsWith("/api/docs")) route.config = { ...route.config, access: "public" };
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: "/api/docs",
    // No calls to the public validator: deployments are often on closed networks.
    uiConfig: { validatorUrl: null },
    staticCSP: true,
    transformStaticCSP: (header) =>
      header
        .replace("style-src 'self' https:", "style-src 'self' 'unsafe-inline'")
        .replace(" validator.swagger.io", ""),
  });

  app.addHook("onRequest", async (request, reply) => authenticate(request, reply, deps));

  app.get("/healthz", { config: { access: "public" }, schema: { hide: true } }, async () => ({
    status: "ok",
  }));
  app.get("/readyz", { config: { access: "public" }, schema: { hide: true } }, async (request, reply) => {
    try {
      await database.db.execute(sql`SELECT 1`);
      if (!(await migrationsUpToDate(database)))
        return sendProblem(request, reply, "unavailable", "Migrations are not applied");
      return { status: "ready", database: database.kind };
    } catch (error) {
      request.log.warn({ err: error }, "readiness check failed");
      return sendProblem(request, reply, "unavailable", "The database is not reachable");
    }
  });
  app.get("/api/v1/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  authRoutes(app, deps, { version: packageJson.version, isDemo: () => isDemoInstance(database) });
  userRoutes(app, deps);
  tokenRoutes(app, deps);
  referenceRoutes(app, deps);
  scoringRoutes(app, deps);
  ocgRoutes(app, deps);
  importRoutes(app, deps);
  operationRoutes(app, deps);
  disruptionRoutes(app, deps);
  panelRoutes(app, deps);
  outcomeRoutes(app, deps);
  referralImportRoutes(app, deps);
  referralRoutes(app, deps);
  victimCareRoutes(app, deps);
  protectAdviceRoutes(app, deps);
  cyberChoicesRoutes(app, deps);
  cyberDashboardRoutes(app, deps);
  fundingRoutes(app, deps);
  fundingBidRoutes(app, deps);
  fundingSpendRoutes(app, deps);
  fundingPostRoutes(app, deps);
  fundingReportRoutes(app, deps);
  auditRoutes(app, deps);

  await serveWebApp(app);
  return app;
}

async function isDemoInstance(database: Database): Promise<boolean> {
  const rows = await database.db.select().from(instanceSettings);
  return rows.some((row) => row.key === "demo" && row.value === true);
}

/** Who is calling (session cookie or bearer token), and may they call this route? */
async function authenticate(
  request: FastifyRequest,
  reply: FastifyReply,
  { db, config }: AppDeps,
): Promise<void> {
  const routeConfig = request.routeOptions.config;
  const access = routeConfig.access ?? "signed-in";
  const authorization = request.headers.authorization;
  if (authorization?.startsWith("Bearer ")) {
    request.actor = await actorForApiToken(db, authorization.slice("Bearer ".length).trim());
    request.viaApiToken = true;
    if (!request.actor && access !== "public")
      throw new AppError("unauthenticated", "The API token is not valid, has expired or was revoked");
  } else {
    const sessionToken = request.cookies[sessionCookieName];
    request.actor = sessionToken ? await actorForSession(db, config, sessionToken) : null;
  }
  request.context = { actor: request.actor, requestId: request.id, clientIp: request.ip };

  // Browser requests that change something must prove they come from our own pages.
  if (unsafeMethods.has(request.method) && !request.viaApiToken && request.url.startsWith("/api/")) {
    await new Promise<void>((resolve, reject) => {
      app(request).csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve()));
    });
  }

  if (access === "public" || !request.url.startsWith("/api/")) return;
  const actor = request.actor;
  if (!actor) throw new AppError("unauthenticated", "Sign in to continue");
  if (actor.tokenScopes && unsafeMethods.has(request.method) && !actor.tokenScopes.includes("write")) {
    throw new AppError("forbidden", "This API token may only read: it lacks the write scope");
  }
  if (actor.mustChangePassword && !routeConfig.duringPasswordChange) {
    throw new AppError(
      "password_change_required",
      "Change the password an administrator set for you before going on",
    );
  }
  if (access !== "signed-in" && !can(actor, access))
    throw new AppError("forbidden", "You do not have permission to do this");
}

const app = (request: FastifyRequest) => request.server;

/** Serves the built web UI, and index.html for any other page so that client-side URLs work. */
async function serveWebApp(server: App): Promise<void> {
  const built = existsSync(new URL("index.html", webRoot));
  if (built) await server.register(fastifyStatic, { root: webRoot.pathname, wildcard: false, index: false });
  server.setNotFoundHandler((request, reply) => {
    const wantsPage =
      request.method === "GET" &&
      !request.url.startsWith("/api/") &&
      request.headers.accept?.includes("text/html");
    if (wantsPage && built) return reply.header("cache-control", "no-cache").sendFile("index.html");
    if (wantsPage) return reply.type("text/plain").send("The web UI is not built: run `npm run build:web`.");
    return sendProblem(
      request,
      reply,
      "not_found",
      `No route for ${request.method} ${request.url.split("?")[0]}`,
    );
  });
}
