import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db/client";
import { UserError } from "@/lib/errors";

export type RateLimit = { limit: number; windowMs: number };
export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Every limit in one place (README → Security lists them). */
export const rateLimits = {
  signInPerAddress: { limit: 5, windowMs: 15 * 60_000 },
  signInPerIp: { limit: 30, windowMs: 15 * 60_000 },
  invitationsPerWorkspace: { limit: 20, windowMs: 60 * 60_000 },
} satisfies Record<string, RateLimit>;

/**
 * Counts one use of `key` in the current fixed window and says whether it is allowed. One
 * atomic upsert: concurrent requests on any instance each get their own count.
 */
export async function consumeRateLimit(db: DbOrTx, key: string, { limit, windowMs }: RateLimit, now = new Date()): Promise<RateLimitResult> {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await queryRows<{ count: number | string }>(
    db,
    sql`INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${windowStart.toISOString()}, 1)
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.count + 1 ELSE 1 END,
          window_start = excluded.window_start
        RETURNING count`,
  );
  if (Number(row.count) <= limit) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000)) };
}

export function retryAfterText(seconds: number): string {
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}

export class RateLimitedError extends UserError {
  constructor(
    what: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`${what} Please try again in ${retryAfterText(retryAfterSeconds)}.`, 429);
    this.name = "RateLimitedError";
  }
}

/**
 * Sign-in emails: per client IP first (one client spraying addresses), then per address (one
 * inbox flooded from many clients). Throws RateLimitedError.
 */
export async function limitSignInEmail(db: DbOrTx, input: { email: string; ip: string | null }): Promise<void> {
  if (input.ip) {
    const byIp = await consumeRateLimit(db, `sign-in:ip:${input.ip}`, rateLimits.signInPerIp);
    if (!byIp.ok) throw new RateLimitedError("Too many sign-in requests from your network.", byIp.retryAfterSeconds);
  }
  const byAddress = await consumeRateLimit(db, `sign-in:email:${input.email.trim().toLowerCase()}`, rateLimits.signInPerAddress);
  if (!byAddress.ok) throw new RateLimitedError("Too many sign-in emails were sent to this address.", byAddress.retryAfterSeconds);
}

/** Invitation emails per workspace. Throws RateLimitedError. */
export async function limitInvitations(db: DbOrTx, workspaceId: string): Promise<void> {
  const result = await consumeRateLimit(db, `invite:workspace:${workspaceId}`, rateLimits.invitationsPerWorkspace);
  if (!result.ok) throw new RateLimitedError("This workspace has sent too many invitations for now.", result.retryAfterSeconds);
}

/**
 * The client's IP as the platform's proxy reports it: the first X-Forwarded-For entry (set by
 * Vercel and by any reverse proxy in front of `next start`), else X-Real-IP. Without a proxy a
 * client can forge these, which only moves it to another per-IP bucket: the per-address limit holds.
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || null;
}
