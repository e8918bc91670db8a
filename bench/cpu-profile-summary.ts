// Summarises a V8 .cpuprofile (from `node --cpu-prof`, e.g. bench:ingest with BENCH_CPU_PROF):
// where the process spent its CPU, by self time per function and per file or package, and
// the inclusive time of the functions that match a filter.
//
//   npx tsx bench/cpu-profile-summary.ts <file.cpuprofile> [--top 30] [--match handleIngestRequest,ingestMessages]
import fs from "node:fs";

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--") && !/^\d+$/.test(a));
if (!file) {
  console.error("usage: npx tsx bench/cpu-profile-summary.ts <file.cpuprofile> [--top N] [--match name,name]");
  process.exit(2);
}
const option = (name: string) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const top = Number(option("--top") ?? 30);
const matches = (option("--match") ?? "").split(",").filter(Boolean);

const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Self time per node, in µs: each sample's delta belongs to the node it landed on.
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

const where = (url: string) => {
  if (!url) return "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const chunk = /\.next\/server\/(.*)$/.exec(url);
  if (chunk) return `.next/server/${chunk[1]}`;
  return url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "");
};
const label = (n: Node) => `${n.callFrame.functionName || "(anonymous)"} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
const fnSelf = new Map<string, number>();
const fileSelf = new Map<string, number>();
for (const [id, us] of self) {
  const n = byId.get(id)!;
  add(fnSelf, label(n), us);
  add(fileSelf, where(n.callFrame.url), us);
}

const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%`;
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(us)}  ${key}`);
};

console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled over ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms`);
print("Self time by function", fnSelf);
print("Self time by file or package", fileSelf);

// Inclusive time of matching functions (a recursive frame counted once per sample).
if (matches.length > 0) {
  const inclusive = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at)!;
      const name = n.callFrame.functionName;
      if (matches.includes(name) && !seen.has(name)) {
        seen.add(name);
        add(inclusive, name, profile.timeDeltas[i] ?? 0);
      }
    }
  });
  print("Inclusive time of the functions asked for", inclusive);
}
