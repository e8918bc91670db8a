/**
 * What every page answers while the first start creates the demo workspace, instead of a
 * request that hangs on the database: a small self-contained page (no scripts, nothing that
 * touches the database) that reloads itself every few seconds, with 503 and Retry-After for
 * anything that is not a browser.
 */
export const PREPARING_RETRY_SECONDS = 3;

export function preparingDemoResponse(): Response {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${PREPARING_RETRY_SECONDS}">
<title>Preparing the demo workspace · Lumen</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f9fafb; color: #111827;
         font-family: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  main { max-width: 28rem; margin: 1rem; padding: 2rem; background: #fff; border: 1px solid #e5e7eb; border-radius: 0.75rem; }
  h1 { font-size: 1.125rem; margin: 0 0 0.5rem; }
  p { margin: 0.5rem 0 0; font-size: 0.875rem; line-height: 1.5; color: #4b5563; }
  .bar { margin-top: 1.25rem; height: 0.375rem; border-radius: 9999px; background: #e0e7ff; overflow: hidden; }
  .bar span { display: block; width: 40%; height: 100%; background: #4f46e5; border-radius: 9999px; animation: slide 1.2s ease-in-out infinite; }
  @keyframes slide { from { transform: translateX(-100%); } to { transform: translateX(250%); } }
  @media (prefers-reduced-motion: reduce) { .bar span { animation: none; width: 100%; } }
</style>
</head>
<body>
<main role="status" aria-live="polite">
  <h1>Preparing the demo workspace</h1>
  <p>This is the first start of Lumen on this machine, so it is creating a demo workspace with 5,000 customers and their events. It takes a few seconds.</p>
  <p>This page reloads by itself and opens Lumen when it is ready.</p>
  <div class="bar" aria-hidden="true"><span></span></div>
</main>
</body>
</html>`;
  return new Response(html, {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Retry-After": String(PREPARING_RETRY_SECONDS),
      "Cache-Control": "no-store",
    },
  });
}
