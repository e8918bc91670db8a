import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { devOutbox } from "@/db/schema";
import { handlers } from "@/lib/auth/auth";

const ORIGIN = "http://localhost:3000";

const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .filter((c) => !c.endsWith("="))
    .join("; ");

/** The CSRF token and its cookie, as the sign-in and sign-out forms post them. */
export async function csrf(cookie = ""): Promise<{ csrfToken: string; cookie: string }> {
  const response = await handlers.GET(new Request(`${ORIGIN}/api/auth/csrf`, { headers: { cookie } }) as never);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { csrfToken, cookie: [cookie, cookiesOf(response)].filter(Boolean).join("; ") };
}

/**
 * Signs in through Auth.js's real handlers: posts the sign-in form, reads the magic link from
 * the dev outbox, follows it. Returns the session cookie, as a browser would hold it.
 */
export async function signInThroughEmail(db: Db, email: string): Promise<string> {
  const form = await csrf();
  await handlers.POST(
    new Request(`${ORIGIN}/api/auth/signin/resend`, {
      method: "POST",
      headers: { cookie: form.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, csrfToken: form.csrfToken, callbackUrl: "/segments" }),
    }) as never,
  );
  const [message] = await db.select().from(devOutbox).where(eq(devOutbox.to, email)).orderBy(desc(devOutbox.id)).limit(1);
  const link = /href="([^"]*\/api\/auth\/callback\/resend[^"]*)"/.exec(message.html)![1].replace(/&amp;/g, "&");
  const callback = await handlers.GET(new Request(link, { headers: { cookie: form.cookie } }) as never);
  const session = cookiesOf(callback)
    .split("; ")
    .find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`The magic link did not sign in (status ${callback.status})`);
  return session;
}

/** The signed-in user's email for this cookie, or null (what /api/auth/session answers). */
export async function sessionEmail(cookie: string): Promise<string | null> {
  const response = await handlers.GET(new Request(`${ORIGIN}/api/auth/session`, { headers: { cookie } }) as never);
  const body = (await response.json()) as { user?: { email?: string } } | null;
  return body?.user?.email ?? null;
}

/** Posts Auth.js's sign-out form with this session cookie (what the Sign out button does). */
export async function signOutThroughHandler(sessionCookie: string): Promise<void> {
  const form = await csrf(sessionCookie);
  await handlers.POST(
    new Request(`${ORIGIN}/api/auth/signout`, {
      method: "POST",
      headers: { cookie: form.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: form.csrfToken }),
    }) as never,
  );
}
