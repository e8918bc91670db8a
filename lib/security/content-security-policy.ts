/**
 * The Content-Security-Policy of every page. Scripts run only with this request's nonce
 * ('strict-dynamic' lets Next's nonced scripts load their chunks and workers), so an injected
 * <script> or inline handler does nothing. Next reads the nonce from the request's CSP header
 * and puts it on its own scripts, which is why pages must render per request (app/layout.tsx).
 *
 * Styles stay 'unsafe-inline': Radix, recharts and sonner position things with style
 * attributes, which nonces cannot cover; CSS cannot run script, so this is the usual trade.
 */
export function contentSecurityPolicy(nonce: string, options: { dev: boolean }): string {
  return [
    "default-src 'self'",
    // React's dev build evaluates code to rebuild server stacks; production never needs eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A fresh, unguessable nonce per request (128 bits, base64). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
