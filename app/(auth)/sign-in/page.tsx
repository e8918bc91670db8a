import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/security/request-path";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const errorMessages: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one below.",
  NoWorkspace: "Your account is not a member of any workspace. Ask an admin to invite you.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; callbackUrl?: string; email?: string | string[] }>;
}) {
  const { error, callbackUrl, email } = await searchParams;
  // An invitation's link names the invited address: the form starts with it (only a prefill).
  const suggestedEmail = typeof email === "string" && email.length <= 320 && email.includes("@") ? email : undefined;
  const safeCallback = safeCallbackPath(callbackUrl);
  if (!error && (await getSessionUser())) redirect(safeCallback ?? "/segments");
  const message = error ? (errorMessages[error] ?? "Sign-in failed. Please try again.") : null;
  return (
    <div className="rounded-xl border border-gray-200 bg-white p-8 shadow-sm">
      <h1 className="text-lg font-semibold">Sign in to Lumen</h1>
      <p className="mt-1 text-sm text-gray-600">We will email you a link that signs you in. No password needed.</p>
      {message ? (
        <p role="alert" className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          {message}
        </p>
      ) : null}
      <div className="mt-6">
        <SignInForm callbackUrl={safeCallback} defaultEmail={suggestedEmail} />
      </div>
    </div>
  );
}
