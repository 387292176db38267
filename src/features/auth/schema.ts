import { z } from "zod";
import { permissions } from "#src/auth/policy.ts";
import { user } from "#src/features/users/schema.ts";

export const loginBody = z.strictObject({
  email: z.string().trim().min(1, "Enter your email address").max(254),
  password: z.string().min(1, "Enter your password").max(256),
});

/** The signed-in user: their account as an admin sees it, less the admin's fields, plus what they may do. */
export const me = user
  .pick({
    id: true,
    name: true,
    email: true,
    organisation: true,
    forceId: true,
    regionId: true,
    roles: true,
    scope: true,
    clearance: true,
    mustChangePassword: true,
  })
  .extend({ permissions: z.array(z.enum(permissions)) });
export type MeView = z.infer<typeof me>;

export const loginResponse = z.object({ user: me });

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, "Enter your current password").max(256),
  newPassword: z.string(),
});

export const csrfResponse = z.object({ token: z.string() });
export const instanceResponse = z.object({ name: z.string(), version: z.string(), demo: z.boolean() });
