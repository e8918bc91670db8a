import NextAuth from "next-auth";
import Resend from "next-auth/providers/resend";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { getDb } from "@/db/client";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { emailFrom, sendEmail } from "@/lib/email/send-email";
import { MagicLinkEmail } from "@/lib/email/templates/magic-link-email";
import { onboardUser } from "@/lib/workspaces/onboard-user";
import { linkOnAppUrl } from "@/lib/app-url";

// Config is built per request so the database is opened on first use, never at build time.
export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const db = await getDb();
  return {
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    // Database sessions, so a session can be ended on the server: sign-out deletes its row and
    // "sign out everywhere" deletes all of the user's (a copied cookie stops working at once).
    // The cost is one primary-key read per request, which workspace checks pay anyway; a JWT
    // would need the same read (a session version) to be revocable, with more code of our own.
    session: { strategy: "database" },
    trustHost: true,
    pages: { signIn: "/sign-in", verifyRequest: "/sign-in/check-email", error: "/sign-in" },
    providers: [
      Resend({
        apiKey: process.env.RESEND_API_KEY ?? "dev-outbox",
        from: emailFrom(),
        async sendVerificationRequest({ identifier, url: authJsUrl }) {
          // Auth.js builds the link from the request's Host / X-Forwarded-Host when AUTH_URL is
          // unset (trustHost): move it onto the configured base URL, never the request's.
          const url = linkOnAppUrl(authJsUrl);
          const { host } = new URL(url);
          await sendEmail({ to: identifier, subject: "Sign in to Lumen", react: MagicLinkEmail({ url, host }) });
        },
      }),
    ],
    callbacks: {
      session({ session, user }) {
        session.user.id = user.id;
        return session;
      },
    },
    events: {
      async createUser({ user }) {
        if (user.id) await onboardUser(db, user.id);
      },
    },
  };
});
