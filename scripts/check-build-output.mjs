// Checks a finished `next build` (.next/): what server functions would ship. Run by CI after
// the build (.ci/run), or by hand: `npm run build && node scripts/check-build-output.mjs`.
//  - no traced file of any function lies under .data/ (the embedded database);
//  - no function traces more than BUDGET_MB of files (Vercel's limit is 250 MB unzipped);
//  - pages whose content depends on the server's environment are not prerendered at build.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const BUDGET_MB = Number(process.env.LUMEN_FUNCTION_BUDGET_MB ?? 120);
const root = process.cwd();
const server = path.join(root, ".next", "server");
if (!existsSync(server)) {
  console.error("No build found in .next/: run `npm run build` first.");
  process.exit(1);
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.name.endsWith(".nft.json")) yield full;
  }
}

const problems = [];
let largest = { file: "", bytes: 0, count: 0 };
const sizes = new Map();
for (const trace of walk(server)) {
  const { files } = JSON.parse(readFileSync(trace, "utf8"));
  let bytes = 0;
  for (const file of files) {
    const absolute = path.resolve(path.dirname(trace), file);
    const relative = path.relative(root, absolute);
    if (relative.split(path.sep)[0] === ".data") {
      problems.push(`${path.relative(root, trace)} traces the local database: ${relative}`);
      break;
    }
    if (!sizes.has(absolute)) sizes.set(absolute, existsSync(absolute) ? statSync(absolute).size : 0);
    bytes += sizes.get(absolute);
  }
  if (bytes > largest.bytes) largest = { file: path.relative(root, trace), bytes, count: files.length };
  if (bytes > BUDGET_MB * 1024 * 1024) {
    problems.push(`${path.relative(root, trace)} traces ${(bytes / 1024 / 1024).toFixed(1)} MB (${files.length} files), over the ${BUDGET_MB} MB budget`);
  }
}

const dynamicPages = ["(auth)/sign-in/check-email"];
for (const page of dynamicPages) {
  if (existsSync(path.join(server, "app", `${page}.html`))) {
    problems.push(`${page} was prerendered at build time: it depends on the server's environment and must render per request`);
  }
}

console.log(`Largest function: ${largest.file}, ${(largest.bytes / 1024 / 1024).toFixed(1)} MB in ${largest.count} files (budget ${BUDGET_MB} MB)`);
if (problems.length > 0) {
  console.error(problems.slice(0, 20).join("\n"));
  if (problems.length > 20) console.error(`… and ${problems.length - 20} more`);
  process.exit(1);
}
console.log("Build output: no local database traced, every function within budget.");
