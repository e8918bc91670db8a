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
    // JWT sessions: no database read to recognise a user; workspace access is checked per request anyway.
    session: { strategy: "jwt" },
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
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
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
