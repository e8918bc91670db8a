// The browser side of a CSV import at benchmark size, in Debian's Chromium:
//
//   flock /tmp/lumen-heavy.lock npm run bench:import-browser      (BENCH_IMPORT_ROWS, default 1,000,000)
//
// The upload page's own worker (components/csv-import/csv-import.worker.ts, bundled here with
// esbuild as Next bundles it) parses a BENCH_IMPORT_ROWS-row file (email + three attribute
// columns, the bench:import shape) chosen through a file input, and POSTs its batches to
// /api/imports/{id}/rows — here a stub that reads each body and answers at once, so the figures
// are the browser's work alone (bench:import measures the server). Meanwhile the page's main
// thread runs a requestAnimationFrame heartbeat and a long-task observer: the page stays
// responsive when no frame gap is long. Reported: parse + send time, rows/s, batches, the
// longest frame gap, long tasks (count, total, longest), and the renderer's JS heap.
import { build } from "esbuild";
import { createServer } from "node:http";
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { launchBrowser } from "../e2e/support";
import { log, ROOT, withCleanups } from "./support";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);

await withCleanups(async (cleanups) => {
  const dir = mkdtempSync(path.join(tmpdir(), "lumen-bench-import-browser-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));

  // --- The file (untimed): the bench:import shape, with made-up emails.
  const file = process.env.BENCH_IMPORT_FILE && existsSync(process.env.BENCH_IMPORT_FILE) ? process.env.BENCH_IMPORT_FILE : path.join(dir, `import-${ROWS}.csv`);
  if (!existsSync(file)) {
    const fd = openSync(file, "w");
    writeSync(fd, "Email,Plan,City,Score\n");
    for (let i = 0; i < ROWS; ) {
      let chunk = "";
      for (let j = 0; j < 50_000 && i < ROWS; j++, i++) chunk += `customer${i}@example.com,${["pro", "team", "enterprise"][i % 3]},"City ${i % 997}, DE",${i % 1000}\n`;
      writeSync(fd, chunk);
    }
    closeSync(fd);
  }
  const bytes = statSync(file).size;
  log(`file: ${file} (${(bytes / 1024 / 1024).toFixed(1)} MB)`);

  // --- The upload page's worker, bundled as the app's build bundles it.
  await build({
    entryPoints: [path.join(ROOT, "components/csv-import/csv-import.worker.ts")],
    bundle: true,
    format: "esm",
    minify: true,
    target: "es2022",
    outfile: path.join(dir, "worker.js"),
    alias: { "@": ROOT },
    logLevel: "error",
  });
  const workerJs = await import("node:fs/promises").then((fs) => fs.readFile(path.join(dir, "worker.js")));

  // --- A page with a file input; the measurement runs in it.
  const page = `<!doctype html><meta charset="utf-8"><title>bench</title><input type="file" id="f"><p id="status">idle</p>
<script>
const gaps = [];
let last = performance.now();
let beating = false;
function beat(now) { gaps.push(now - last); last = now; if (beating) requestAnimationFrame(beat); }
const longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); }).observe({ type: "longtask", buffered: true });
document.getElementById("f").addEventListener("change", (event) => {
  const file = event.target.files[0];
  const worker = new Worker("/worker.js", { type: "module" });
  const started = performance.now();
  let progress = 0;
  beating = true; last = performance.now(); requestAnimationFrame(beat);
  worker.onmessage = (m) => {
    if (m.data.type === "progress") { progress++; document.getElementById("status").textContent = m.data.rows + " rows"; return; }
    beating = false;
    const ms = performance.now() - started;
    const sorted = gaps.slice().sort((a, b) => a - b);
    window.__result = { ms, message: m.data, progress, frames: gaps.length, maxGap: sorted[sorted.length - 1] ?? 0, p99Gap: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
      longTasks: longTasks.length, longTaskMs: longTasks.reduce((a, b) => a + b, 0), longestTask: Math.max(0, ...longTasks),
      heap: performance.memory ? performance.memory.usedJSHeapSize : null };
    worker.terminate();
  };
  worker.postMessage({ type: "upload", file, encoding: "utf-8", importId: "00000000-0000-0000-0000-000000000000", workspaceId: "bench", hasHeader: true, identifierIndex: 0,
    attributes: [{ index: 1, key: "plan" }, { index: 2, key: "city" }, { index: 3, key: "score" }] });
});
</script>`;
  let batches = 0;
  let bodyBytes = 0;
  const server = createServer((req, res) => {
    if (req.method === "POST" && req.url?.startsWith("/api/imports/")) {
      let size = 0;
      req.on("data", (d: Buffer) => (size += d.length));
      req.on("end", () => {
        batches++;
        bodyBytes += size;
        res.writeHead(200, { "content-type": "application/json" }).end('{"staged":0}');
      });
      return;
    }
    if (req.url === "/worker.js") return void res.writeHead(200, { "content-type": "text/javascript" }).end(workerJs);
    res.writeHead(200, { "content-type": "text/html" }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const port = (server.address() as { port: number }).port;

  const browser = await launchBrowser();
  cleanups.push(() => browser.close());
  const tab = await browser.newPage();
  await tab.goto(`http://127.0.0.1:${port}/`);
  await tab.setInputFiles("#f", file);
  await tab.waitForFunction(() => (window as unknown as { __result?: unknown }).__result, undefined, { timeout: 600_000, polling: 500 });
  const r = (await tab.evaluate(() => (window as unknown as { __result: unknown }).__result)) as {
    ms: number; message: { type: string; rows?: number; message?: string }; progress: number; frames: number; maxGap: number; p99Gap: number;
    longTasks: number; longTaskMs: number; longestTask: number; heap: number | null;
  };
  if (r.message.type !== "uploaded") throw new Error(`the worker failed: ${r.message.message}`);
  const lines = [
    `bench:import-browser — Chromium ${browser.version()}, ${r.message.rows?.toLocaleString("en-US")}-row CSV (${(bytes / 1024 / 1024).toFixed(1)} MB), the upload page's worker, batches to a stub server`,
    `  parse + send: ${(r.ms / 1000).toFixed(1)} s → ${Math.round((r.message.rows ?? 0) / (r.ms / 1000)).toLocaleString("en-US")} rows/s; ${batches} batches (${(bodyBytes / 1024 / 1024).toFixed(1)} MB of JSON), ${r.progress} progress messages`,
    `  main thread while parsing: ${r.frames} frames, longest gap ${Math.round(r.maxGap)} ms, p99 gap ${Math.round(r.p99Gap)} ms; long tasks ${r.longTasks} (total ${Math.round(r.longTaskMs)} ms, longest ${Math.round(r.longestTask)} ms)`,
    `  page JS heap after: ${r.heap === null ? "n/a" : `${Math.round(r.heap / 1024 / 1024)} MB`}`,
  ];
  for (const l of lines) console.log(l);
  return true;
});
