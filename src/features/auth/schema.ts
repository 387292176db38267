import { z } from "zod";
import { classifications, permissions, roles, scopes } from "#src/auth/policy.ts";
import { organisationSummary } from "#src/features/users/schema.ts";

export const loginBody = z.strictObject({
  email: z.string().trim().min(1, "Enter your email address").max(254),
  password: z.string().min(1, "Enter your password").max(256),
});

export const me = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  organisation: organisationSummary,
  forceId: z.string().nullable(),
  regionId: z.string().nullable(),
  roles: z.array(z.enum(roles)),
  scope: z.enum(scopes),
  clearance: z.enum(classifications),
  mustChangePassword: z.boolean(),
  permissions: z.array(z.enum(permissions)),
});
export type MeView = z.infer<typeof me>;

export const loginResponse = z.object({ user: me });

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, "Enter your current password").max(256),
  newPassword: z.string(),
});

export const csrfResponse = z.object({ token: z.string() });
export const instanceResponse = z.object({ name: z.string(), version: z.string(), demo: z.boolean() });
