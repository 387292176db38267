import { and, gt, inArray, sql } from "drizzle-orm";
import type { Queryable } from "#src/db/database.ts";
import { loginThrottle } from "#src/db/schema.ts";
import { AppError } from "#src/lib/errors.ts";

/** Failures older than this are forgotten; a lock lasts this long too. */
const windowMinutes = 15;
const accountLockAfter = 5;
const addressLockAfter = 20;
/** From the third failure on, answers are slowed, doubling each time up to four seconds. */
const slowFrom = 3;

export const throttleKeys = (email: string, clientIp: string) => ({
  account: `account:${email.trim().toLowerCase()}`,
  address: `ip:${clientIp}`,
});

export async function assertNotLocked(
  db: Queryable,
  keys: { account: string; address: string },
): Promise<void> {
  const [lock] = await db
    .select({ lockedUntil: loginThrottle.lockedUntil })
    .from(loginThrottle)
    .where(
      and(
        inArray(loginThrottle.key, [keys.account, keys.address]),
        gt(loginThrottle.lockedUntil, new Date()),
      ),
    )
    .orderBy(sql`${loginThrottle.lockedUntil} DESC`)
    .limit(1);
  if (lock?.lockedUntil) throw lockedError(lock.lockedUntil);
}

function lockedError(lockedUntil: Date): AppError {
  const seconds = Math.max(1, Math.ceil((lockedUntil.getTime() - Date.now()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new AppError(
    "too_many_requests",
    `Too many failed sign-in attempts. Sign-in is locked for ${minutes} minute${minutes === 1 ? "" : "s"}; try again later or ask an administrator.`,
    { retryAfterSeconds: seconds },
  );
}

async function bump(
  db: Queryable,
  key: string,
  lockAfter: number,
): Promise<{ failures: number; lockedUntil: Date | null }> {
  const [row] = await db
    .insert(loginThrottle)
    .values({ key, failures: 1, lastFailureAt: new Date() })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`CASE WHEN ${loginThrottle.lastFailureAt} < now() - make_interval(mins => ${windowMinutes}) THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
        lastFailureAt: sql`now()`,
      },
    })
    .returning();
  if (!row) throw new Error("login_throttle upsert returned nothing");
  if (row.failures < lockAfter) return { failures: row.failures, lockedUntil: null };
  const lockedUntil = new Date(Date.now() + windowMinutes * 60_000);
  await db
    .update(loginThrottle)
    .set({ lockedUntil, failures: 0 })
    .where(inArray(loginThrottle.key, [key]));
  return { failures: row.failures, lockedUntil };
}

/** Counts a failure against the account and the address; returns the lock error if one now applies. */
export async function recordFailure(
  db: Queryable,
  keys: { account: string; address: string },
): Promise<{ delayMs: number; lockError: AppError | null }> {
  const account = await bump(db, keys.account, accountLockAfter);
  const address = await bump(db, keys.address, addressLockAfter);
  const lockedUntil = account.lockedUntil ?? address.lockedUntil;
  const failures = Math.max(account.failures, address.failures);
  const delayMs = failures >= slowFrom ? Math.min(4000, 250 * 2 ** (failures - slowFrom)) : 0;
  return { delayMs, lockError: lockedUntil ? lockedError(lockedUntil) : null };
}

export async function clearAccountFailures(db: Queryable, keys: { account: string }): Promise<void> {
  await db.delete(loginThrottle).where(inArray(loginThrottle.key, [keys.account]));
}
