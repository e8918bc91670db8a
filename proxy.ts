import { NextResponse, type NextRequest } from "next/server";
import { demoPreparing } from "@/lib/demo/demo-status";
import { preparingDemoResponse } from "@/lib/demo/preparing-page";
import { contentSecurityPolicy, createNonce } from "@/lib/security/content-security-policy";
import { REQUEST_PATH_HEADER } from "@/lib/security/request-path";

/**
 * Runs before every page request. Not an authorization layer (pages, actions and routes check
 * session, workspace and role themselves): it only
 * - gives the request a CSP nonce, which Next puts on its scripts while rendering, and sends the
 *   same policy to the browser;
 * - passes the requested path on to the page, so a signed-out visitor is sent to sign-in with
 *   the page they asked for and comes back to it (a server component cannot see its own URL);
 * - on the first start of the embedded default, answers "Preparing the demo workspace" until the
 *   demo data exists, instead of a page that hangs on the busy database.
 */
export function proxy(request: NextRequest) {
  if (demoPreparing()) return preparingDemoResponse();
  const nonce = createNonce();
  const policy = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  // Overwritten, never trusted from the client.
  requestHeaders.set(REQUEST_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Pages only: API routes answer JSON or files (next.config.js gives them a policy that allows
  // nothing), and built assets carry no nonce.
  matcher: ["/((?!api/|_next/static/|_next/image|favicon\\.svg$|.*\\.(?:svg|png|ico|txt|webmanifest)$).*)"],
};
