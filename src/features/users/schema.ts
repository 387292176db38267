import { z } from "zod";
import { classifications, roles, scopes } from "#src/auth/policy.ts";
import { organisationKinds } from "#src/features/reference/vocabulary.ts";
import { optionalFilter, pageOf, pageQuery } from "#src/lib/paging.ts";

export const organisationSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(organisationKinds),
});

export const user = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  organisation: organisationSummary,
  forceId: z.string().nullable(),
  regionId: z.string().nullable(),
  roles: z.array(z.enum(roles)),
  scope: z.enum(scopes),
  clearance: z.enum(classifications),
  mustChangePassword: z.boolean(),
  disabled: z.boolean(),
  disabledAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  isDemo: z.boolean(),
});
export type UserView = z.infer<typeof user>;

const email = z.email("Enter an email address in the correct format, like name@example.police.uk").max(254);
const name = z.string().trim().min(1, "Enter a name").max(200);
const roleList = z.array(z.enum(roles)).min(1, "Choose at least one role");

export const createUserBody = z.strictObject({
  email,
  name,
  organisationId: z.string().min(1, "Choose an organisation"),
  roles: roleList,
  scope: z.enum(scopes),
  clearance: z.enum(classifications),
  password: z.string(),
});
export type CreateUserInput = z.infer<typeof createUserBody>;

export const updateUserBody = z
  .strictObject({
    name: name.optional(),
    organisationId: z.string().min(1).optional(),
    roles: roleList.optional(),
    scope: z.enum(scopes).optional(),
    clearance: z.enum(classifications).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, "Change at least one field");
export type UpdateUserInput = z.infer<typeof updateUserBody>;

export const resetPasswordBody = z.strictObject({ password: z.string() });

export const listUsersQuery = z.strictObject({
  q: optionalFilter(z.string().max(200)),
  role: optionalFilter(z.enum(roles)),
  organisationId: optionalFilter(z.string().max(100)),
  status: optionalFilter(z.enum(["active", "disabled"])),
  sort: z.enum(["name", "-name", "email", "-email", "createdAt", "-createdAt"]).default("name"),
  ...pageQuery,
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export const userPage = pageOf(user);
export const userIdParams = z.strictObject({ id: z.uuid("Not a valid user id") });
