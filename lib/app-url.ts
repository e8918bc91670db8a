type Env = Record<string, string | undefined>;

/** The base URL set for this deployment (APP_URL / AUTH_URL, or Vercel's production URL), or null. */
export function configuredAppUrl(env: Env = process.env): string | null {
  const explicit = env.APP_URL ?? env.AUTH_URL;
  if (explicit) return explicit.replace(/\/$/, "");
  if (env.VERCEL_PROJECT_PRODUCTION_URL) return `https://${env.VERCEL_PROJECT_PRODUCTION_URL}`;
  return null;
}

/**
 * The public base URL of the app, for links in emails. Never derived from a request's Host or
 * X-Forwarded-Host (a forged header would put the sign-in token on the attacker's host):
 * configured, or http://localhost:$PORT where nothing is configured (the embedded default;
 * production servers refuse to start without one, see appUrlProblem).
 */
export function appUrl(env: Env = process.env): string {
  return configuredAppUrl(env) ?? `http://localhost:${env.PORT ?? 3000}`;
}

/**
 * Why this server must not start, or null. A production server on an external database serves
 * real users at a real address: without a configured base URL its email links would point at
 * localhost (or, worse, at whatever Host a request claims).
 */
export function appUrlProblem(env: Env = process.env): string | null {
  if (env.NODE_ENV !== "production" || !env.DATABASE_URL || configuredAppUrl(env)) return null;
  return "APP_URL is not set: set APP_URL (or AUTH_URL) to this deployment's public URL, e.g. APP_URL=https://lumen.example.com. Links in emails are built only from it.";
}

/**
 * Moves a link Auth.js built (from the request's host when AUTH_URL is unset) onto the
 * configured base URL, and keeps its callbackUrl on that base too.
 */
export function linkOnAppUrl(link: string, base: string = appUrl()): string {
  const parsed = new URL(link);
  const baseOrigin = new URL(base).origin;
  const callback = parsed.searchParams.get("callbackUrl");
  if (callback && /^[a-z][a-z0-9+.-]*:/i.test(callback)) {
    const target = new URL(callback);
    parsed.searchParams.set("callbackUrl", `${baseOrigin}${target.pathname}${target.search}`);
  }
  return `${base.replace(/\/$/, "")}${parsed.pathname}${parsed.search}`;
}
