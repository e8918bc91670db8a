"use server";

import { z } from "zod";
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { clientIp, limitSignInEmail, RateLimitedError } from "@/lib/rate-limit/rate-limit";
import { signIn } from "./auth";
import { emailTransport } from "@/lib/email/send-email";
import type { ActionState } from "@/lib/actions/action-result";
import { safeCallbackPath } from "@/lib/security/request-path";

const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address"),
  callbackUrl: z.string().optional().transform(safeCallbackPath).catch(undefined),
});

/** Sends the magic link. The only action that runs without a session. */
export async function signInAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = signInSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0].message };
  if (emailTransport() === "none") {
    return { ok: false, error: "This server cannot send email yet (RESEND_API_KEY is not set). Ask its administrator to configure email." };
  }
  try {
    await limitSignInEmail(await getDb(), { email: parsed.data.email, ip: clientIp(await headers()) });
  } catch (error) {
    if (error instanceof RateLimitedError) return { ok: false, error: error.message };
    throw error;
  }
  try {
    // redirect: false, then our own redirect: Auth.js would send the browser through
    // /api/auth/verify-request, and that address would stay in the address bar.
    await signIn("resend", { email: parsed.data.email, redirectTo: parsed.data.callbackUrl ?? "/segments", redirect: false });
  } catch (error) {
    if (error instanceof AuthError) {
      console.error("[auth] sign-in failed", error);
      return { ok: false, error: "We could not send the sign-in email. Please try again in a moment." };
    }
    throw error;
  }
  redirect("/sign-in/check-email");
}
