import { z } from "zod";
import { tokenScopes } from "#src/auth/policy.ts";

export const token = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(tokenScopes)),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  status: z.enum(["active", "expired", "revoked"]),
});
export type TokenView = z.infer<typeof token>;

export const createTokenBody = z.strictObject({
  name: z.string().trim().min(1, "Enter a name for the token").max(100),
  scopes: z.array(z.enum(tokenScopes)).min(1, "Choose at least one scope"),
  expiresInDays: z
    .number()
    .int()
    .min(1, "Expiry must be at least 1 day")
    .max(365, "Expiry must be 365 days or fewer")
    .default(90),
  userId: z.uuid().optional(),
});
export type CreateTokenInput = z.infer<typeof createTokenBody>;

export const createdToken = z.object({ token, secret: z.string() });
export const tokenList = z.object({ items: z.array(token) });
export const listTokensQuery = z.strictObject({ userId: z.uuid().optional() });
export const tokenIdParams = z.strictObject({ id: z.uuid("Not a valid token id") });
