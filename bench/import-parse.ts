// bench:import's stand-in for the browser: a child process that streams the CSV file from disk
// through the upload worker's own code (stageFileInBatches: papaparse, toStagedRow, batch
// sizing, batches in flight) and hands each batch to the parent — the "server" — as the JSON
// body the worker would POST. Kept in its own process so the parent's RSS is the server's memory.
//
//   node --import tsx bench/import-parse.ts FILE   (spawned by bench/import.ts with an IPC channel)
import { openAsBlob } from "node:fs";
import { analyzeColumns } from "@/lib/csv-import/analyze-columns";
import { parseCsv } from "@/lib/csv-import/parse-csv";
import { stageFileInBatches } from "@/lib/csv-import/stage-file-in-batches";

type FromParent = { ack: number; error?: string };

const file = process.argv[2];
if (!process.send || !file) throw new Error("run by bench/import.ts");
const send = process.send.bind(process);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

const waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
process.on("message", (m: FromParent) => {
  const w = waiting.get(m.ack);
  waiting.delete(m.ack);
  if (m.error) w?.reject(new Error(m.error));
  else w?.resolve();
});

const blob = await openAsBlob(file);
const started = performance.now();
// The header and the identifier column, as the preview step finds them.
let head: string[][] = [];
await parseCsv(blob, "utf-8", (records) => {
  head = records.slice(0, 30);
  return false;
});
const analysis = analyzeColumns(head);
const headers = analysis.headers.map((h) => h.toLowerCase());
const attributes = ["plan", "city", "score"].map((key) => ({ index: headers.indexOf(key), key }));
let next = 0;
const { rows, batches } = await stageFileInBatches(
  blob,
  { encoding: "utf-8", hasHeader: analysis.hasHeader, identifierIndex: analysis.identifierIndex ?? 0, attributes },
  (batch) =>
    new Promise<void>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      // What the worker's fetch carries: the batch as JSON text.
      send({ id, body: JSON.stringify({ rows: batch }) });
    }),
);
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
send({ done: true, rows, batches, parseAndSendMs: performance.now() - started, peakRss });
process.disconnect();
