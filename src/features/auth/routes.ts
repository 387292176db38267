import { z } from "zod";
import { actorOf } from "#src/audit/audit.ts";
import { sessionCookieName } from "#src/auth/sessions.ts";
import type { App, AppDeps } from "#src/http/types.ts";
import {
  changePasswordBody,
  csrfResponse,
  instanceResponse,
  loginBody,
  loginResponse,
  me,
} from "./schema.ts";
import * as service from "./service.ts";

const tags = ["Sign-in and account"];

export function authRoutes(
  app: App,
  { db, config }: AppDeps,
  instance: { version: string; isDemo: () => Promise<boolean> },
): void {
  const cookieOptions = {
    path: "/",
    httpOnly: true,
    sameSite: "strict" as const,
    secure: config.ROCU_SECURE_COOKIES ?? config.NODE_ENV === "production",
  };

  app.get("/api/v1/instance", {
    config: { access: "public" },
    schema: {
      tags,
      summary: "Name and version of this ROCU Hub, and whether it holds demo data",
      response: { 200: instanceResponse },
    },
    handler: async () => ({ name: "ROCU Hub", version: instance.version, demo: await instance.isDemo() }),
  });

  app.get("/api/v1/auth/csrf", {
    config: { access: "public" },
    schema: {
      tags,
      summary: "A CSRF token to send as x-csrf-token on every browser request that changes something",
      response: { 200: csrfResponse },
    },
    handler: async (_request, reply) => ({ token: reply.generateCsrf() }),
  });

  app.post("/api/v1/auth/login", {
    config: {
      access: "public",
      rateLimit: { max: config.ROCU_SIGN_IN_LIMIT_PER_MINUTE, timeWindow: "1 minute" },
    },
    schema: {
      tags,
      summary: "Sign in with email and password; starts a session cookie",
      body: loginBody,
      response: { 200: loginResponse },
    },
    handler: async (request, reply) => {
      const { sessionToken, user } = await service.login(
        db,
        { ...request.context, userAgent: request.headers["user-agent"] ?? "" },
        request.body,
      );
      reply.setCookie(sessionCookieName, sessionToken, cookieOptions);
      return { user };
    },
  });

  app.post("/api/v1/auth/logout", {
    config: { access: "signed-in", duringPasswordChange: true },
    schema: { tags, summary: "Sign out: the session ends on the server", response: { 204: z.null() } },
    handler: async (request, reply) => {
      await service.logout(db, request.context, request.cookies[sessionCookieName]);
      reply.clearCookie(sessionCookieName, cookieOptions);
      return reply.code(204).send(null);
    },
  });

  app.get("/api/v1/me", {
    config: { access: "signed-in", duringPasswordChange: true },
    schema: { tags, summary: "The signed-in user, with the permissions they hold", response: { 200: me } },
    handler: (request) => service.describeActor(db, actorOf(request.context)),
  });

  app.post("/api/v1/me/password", {
    config: { access: "signed-in", duringPasswordChange: true },
    schema: {
      tags,
      summary: "Change your own password",
      body: changePasswordBody,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await service.changeOwnPassword(db, request.context, request.cookies[sessionCookieName], request.body);
      return reply.code(204).send(null);
    },
  });
}
