import { z } from "zod";
import type { App, AppDeps } from "#src/http/types.ts";
import {
  createUserBody,
  listUsersQuery,
  resetPasswordBody,
  updateUserBody,
  user,
  userIdParams,
  userPage,
} from "./schema.ts";
import * as service from "./service.ts";

const tags = ["Users"];

export function userRoutes(app: App, { db }: AppDeps): void {
  app.get("/api/v1/users", {
    config: { access: "users.read" },
    schema: {
      tags,
      summary: "List users in your scope",
      querystring: listUsersQuery,
      response: { 200: userPage },
    },
    handler: (request) => service.listUsers(db, request.context, request.query),
  });

  app.post("/api/v1/users", {
    config: { access: "users.manage" },
    schema: {
      tags,
      summary: "Create a user (who must change the password at first sign-in)",
      body: createUserBody,
      response: { 201: user },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await service.createUser(db, request.context, request.body)),
  });

  app.get("/api/v1/users/:id", {
    config: { access: "users.read", record: "user" },
    schema: { tags, summary: "Get a user", params: userIdParams, response: { 200: user } },
    handler: (request) => service.viewUser(db, request.context, request.params.id),
  });

  app.patch("/api/v1/users/:id", {
    config: { access: "users.manage", record: "user" },
    schema: {
      tags,
      summary: "Change a user's name, organisation, roles, scope or clearance",
      params: userIdParams,
      body: updateUserBody,
      response: { 200: user },
    },
    handler: (request) => service.updateUser(db, request.context, request.params.id, request.body),
  });

  app.post("/api/v1/users/:id/disable", {
    config: { access: "users.manage", record: "user" },
    schema: {
      tags,
      summary: "Disable a user; their sessions end at once",
      params: userIdParams,
      response: { 200: user },
    },
    handler: (request) => service.setUserDisabled(db, request.context, request.params.id, true),
  });

  app.post("/api/v1/users/:id/enable", {
    config: { access: "users.manage", record: "user" },
    schema: { tags, summary: "Enable a disabled user", params: userIdParams, response: { 200: user } },
    handler: (request) => service.setUserDisabled(db, request.context, request.params.id, false),
  });

  app.post("/api/v1/users/:id/password", {
    config: { access: "users.manage", record: "user" },
    schema: {
      tags,
      summary: "Set a new password that the user must change at next sign-in",
      params: userIdParams,
      body: resetPasswordBody,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await service.resetPassword(db, request.context, request.params.id, request.body.password);
      return reply.code(204).send(null);
    },
  });
}
