import type { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { handlers } from "@/lib/auth/auth";
import { clientIp, limitSignInEmail, RateLimitedError } from "@/lib/rate-limit/rate-limit";

export const { GET } = handlers;

/**
 * Auth.js's sign-in endpoint can be posted to directly, not only through the sign-in form's
 * action: it is rate limited here the same way (per client IP and per address).
 */
export async function POST(request: NextRequest) {
  if (new URL(request.url).pathname.endsWith("/signin/resend")) {
    const form = await request.clone().formData().catch(() => null);
    const email = form?.get("email");
    if (typeof email === "string" && email.trim()) {
      try {
        await limitSignInEmail(await getDb(), { email, ip: clientIp(request.headers) });
      } catch (error) {
        if (!(error instanceof RateLimitedError)) throw error;
        return Response.json({ error: error.message }, { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } });
      }
    }
  }
  return handlers.POST(request);
}
