// Sent with every response. The CSP here restricts what needs no nonce (framing, <base>, form
// targets, plugins); script-src with per-request nonces is not in place yet (see README).
const securityHeaders = [
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  ...(process.env.NODE_ENV === "production" ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "@neondatabase/serverless", "ws"],
  poweredByHeader: false,
  // db/client.ts names the embedded database's directory (cwd/.data/pglite), so file tracing
  // would copy a local database (every customer in it) into every server function. Never.
  // PGlite itself (~20 MB) serves only the embedded default, which runs with `next start` from
  // node_modules; a Vercel build (VERCEL=1) needs DATABASE_URL, so its functions leave it out.
  outputFileTracingExcludes: {
    "*": [".data/**", "test-results/**", ...(process.env.VERCEL ? ["node_modules/@electric-sql/pglite/**"] : [])],
  },
};

export default nextConfig;
