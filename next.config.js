// Sent with every response. Pages get their Content-Security-Policy (with a per-request script
// nonce) from proxy.ts; API responses are data or files, so their policy allows nothing at all.
const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  ...(process.env.NODE_ENV === "production" ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" }],
      },
    ];
  },
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "@neondatabase/serverless", "ws"],
  poweredByHeader: false,
  // CI runs `npm run typecheck` (route types generated, then tsc over the same files) just before
  // it builds; LUMEN_BUILD_TYPECHECKED=1 spares the build its second, identical TypeScript pass.
  // Without it (every other build) `next build` type-checks as usual.
  typescript: { ignoreBuildErrors: process.env.LUMEN_BUILD_TYPECHECKED === "1" },
  // db/client.ts names the embedded database's directory (cwd/.data/pglite), so file tracing
  // would copy a local database (every customer in it) into every server function. Never.
  // PGlite itself (~20 MB) serves only the embedded default, which runs with `next start` from
  // node_modules; a Vercel build (VERCEL=1) needs DATABASE_URL, so its functions leave it out.
  outputFileTracingExcludes: {
    "*": [".data/**", "test-results/**", ...(process.env.VERCEL ? ["node_modules/@electric-sql/pglite/**"] : [])],
  },
};

export default nextConfig;
