import "server-only";
import { getDb, type Db } from "@/db/client";
import { authenticateWriteKey, type WriteKeyAuth } from "@/lib/api-keys/authenticate-write-key";
import { UserError } from "@/lib/errors";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { changeEvents, ingestMessages, pgErrorCode } from "./ingest-messages";
import {
  MAX_BATCH_MESSAGES,
  MAX_JSON_DEPTH,
  MAX_REQUEST_BYTES,
  MAX_REQUEST_DEPTH,
  batchBodySchema,
  parseMessage,
  scanJsonText,
  type IngestMessage,
  type IssueDetail,
  type MessageType,
} from "./segment-schema";

export type IngestEndpoint = MessageType | "batch";

/** Segment message types accepted in a batch but not stored. */
export const ignoredTypes = ["group", "alias", "screen"] as const;

// At most this many problems are listed, so a bad 2,500-message batch gets a readable answer.
const MAX_DETAILS = 50;

class IngestError extends UserError {
  constructor(
    message: string,
    status: number,
    readonly details?: IssueDetail[],
  ) {
    super(message, status);
    this.name = "IngestError";
  }
}

class NumberOutOfRange extends Error {}

const unauthorized = () =>
  new IngestError("Invalid or missing write key: send it as the HTTP Basic username with an empty password, or as writeKey in the body", 401);

/**
 * The Segment-compatible tracking API (/api/v1/identify, track, page, batch): Request in,
 * Response out. Everything is checked before anything is written, and all writes of a
 * request share one transaction, so a rejected request stores nothing. Segment SDKs look
 * only at the status: 2xx done, 4xx dropped, 5xx retried (safe: messageIds de-duplicate).
 */
export async function handleIngestRequest(request: Request, endpoint: IngestEndpoint): Promise<Response> {
  try {
    return await ingest(request, endpoint);
  } catch (error) {
    if (error instanceof IngestError) {
      return jsonResponse(
        { error: error.message, ...(error.details && { details: error.details }) },
        error.status,
        error.status === 401 ? { "WWW-Authenticate": 'Basic realm="Lumen"' } : undefined,
      );
    }
    // Not the error itself: drizzle's message carries the query parameters, i.e. customer data.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
    console.error(`[ingest] ${endpoint} failed: ${pgErrorCode(error) ?? ""} ${cause || (error instanceof Error ? error.name : String(error))}`);
    return jsonResponse({ error: "Internal error; the request can be retried" }, 500);
  }
}

async function ingest(request: Request, endpoint: IngestEndpoint): Promise<Response> {
  const db = await getDb();
  const headerKey = writeKeyFromHeader(request.headers.get("authorization"));
  // A wrong key in the header is refused before its body is read.
  let auth: WriteKeyAuth | null = null;
  if (headerKey !== undefined) {
    auth = await authenticateWriteKey(db, headerKey);
    if (!auth) throw unauthorized();
  }

  const text = await readBody(request);
  if (!text.trim()) throw new IngestError("Request body is empty; send a JSON object", 400);
  // Before parsing: nothing below (parse, validation, stringify) may meet an unbounded nesting.
  const shape = scanJsonText(text, MAX_REQUEST_DEPTH);
  if (shape.depth > MAX_REQUEST_DEPTH) {
    throw new IngestError(`Request body nests deeper than ${MAX_REQUEST_DEPTH} levels; a message may nest at most ${MAX_JSON_DEPTH}`, 400);
  }
  let body: unknown;
  try {
    // 1e400 parses to Infinity, which would be stored as null: refuse it instead. Only a text
    // with an exponent or a very long number can hold one, so only such a text pays for the check.
    body = shape.mayOverflow
      ? JSON.parse(text, (_key, value) => {
          if (typeof value === "number" && !Number.isFinite(value)) throw new NumberOutOfRange();
          return value;
        })
      : JSON.parse(text);
  } catch (error) {
    if (error instanceof NumberOutOfRange) throw new IngestError("Request body holds a number too large to store (like 1e400); send it as a string", 400);
    throw new IngestError("Request body is not valid JSON", 400);
  }
  if (!isObject(body)) throw new IngestError("Request body must be a JSON object", 400);

  if (!auth) {
    // Segment's fallback for clients that cannot set headers (e.g. sendBeacon).
    const bodyKey = body.writeKey;
    if (typeof bodyKey !== "string" || !bodyKey) throw unauthorized();
    auth = await authenticateWriteKey(db, bodyKey);
    if (!auth) throw unauthorized();
  }

  const messages = validate(body, endpoint);
  await store(db, auth.workspaceId, messages);
  return jsonResponse({ success: true }, 200);
}

/**
 * A JSON answer marked `no-transform`. Without it, `next start` gzips every answer whose
 * client accepts gzip, even `{"success":true}`: a deflate stream set up and flushed per
 * request, 4.7% of the server's samples under bench:ingest. Its compression skips answers
 * under 1 KB only when told their length, and Next drops a route's Content-Length; it always
 * honours no-transform. (no-store: an answer to a write is never to be reused.)
 */
function jsonResponse(body: unknown, status: number, headers?: Record<string, string>): Response {
  return Response.json(body, { status, headers: { ...headers, "Cache-Control": "no-store, no-transform" } });
}

function validate(body: Record<string, unknown>, endpoint: IngestEndpoint): IngestMessage[] {
  const receivedAt = new Date();
  if (endpoint !== "batch") {
    const result = parseMessage(body, 0, endpoint, receivedAt);
    if (!result.ok) throw issuesError(result.status, result.issues, endpoint);
    return [result.value];
  }

  if (Array.isArray(body.batch) && body.batch.length > MAX_BATCH_MESSAGES) {
    throw new IngestError(`batch has ${body.batch.length} messages; at most ${MAX_BATCH_MESSAGES} are allowed per request`, 413);
  }
  const parsed = batchBodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new IngestError(issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message, 400);
  }
  const shared = parsed.data.context ?? undefined;
  const messages: IngestMessage[] = [];
  const issues: IssueDetail[] = [];
  let status: 400 | 413 = 400;
  parsed.data.batch.forEach((raw, index) => {
    // Segment SDKs also send group, alias and screen calls; Lumen has nothing to store for
    // them yet. Refusing them would make the SDK drop the whole batch, so they are skipped.
    if (isObject(raw) && typeof raw.type === "string" && (ignoredTypes as readonly string[]).includes(raw.type)) return;
    // Context at the top of a batch applies to every message; a message's own keys win.
    const message =
      shared && isObject(raw) && (raw.context === undefined || raw.context === null || isObject(raw.context))
        ? { ...raw, context: { ...shared, ...(raw.context ?? {}) } }
        : raw;
    const result = parseMessage(message, index, undefined, receivedAt);
    if (result.ok) {
      messages.push(result.value);
    } else {
      issues.push(...result.issues);
      if (result.status === 413) status = 413;
    }
  });
  if (issues.length > 0) throw issuesError(status, issues, endpoint);
  return messages;
}

function issuesError(status: 400 | 413, issues: IssueDetail[], endpoint: IngestEndpoint): IngestError {
  const where = (issue: IssueDetail) => {
    const at = endpoint === "batch" ? `batch[${issue.index}]` : "";
    return [at, issue.path].filter(Boolean).join(".") || "message";
  };
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? "s" : ""})` : "";
  const lead = endpoint === "batch" ? `Invalid message at index ${first.index}: ` : "Invalid message: ";
  return new IngestError(
    `${lead}${where(first)} ${first.message}${more}; nothing was stored`,
    status,
    issues.slice(0, MAX_DETAILS),
  );
}

async function store(db: Db, workspaceId: string, messages: IngestMessage[]) {
  const { changes } = await ingestMessages(db, workspaceId, messages);
  const events = changeEvents(workspaceId, changes);
  if (events.length === 0) return;
  try {
    await sendJobEvent(events);
  } catch (error) {
    // The data is committed; failing now would make the SDK resend a batch that then changes
    // nothing and triggers nothing. The periodic recompute picks these customers up instead.
    console.error(`[ingest] customers/changed not sent: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The Basic-auth username, i.e. the write key; undefined without a header, "" for a malformed one. */
function writeKeyFromHeader(header: string | null): string | undefined {
  if (header === null) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!match) return "";
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon === -1 ? decoded : decoded.slice(0, colon);
}

/** Reads at most MAX_REQUEST_BYTES (after gzip decoding), so an oversized body is refused without being buffered. */
async function readBody(request: Request): Promise<string> {
  const tooLarge = () => new IngestError(`Request body exceeds ${MAX_REQUEST_BYTES / 1024} KB`, 413);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_REQUEST_BYTES) throw tooLarge();
  if (!request.body) return "";

  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  let stream: ReadableStream<Uint8Array<ArrayBuffer>> = request.body;
  if (encoding === "gzip" || encoding === "x-gzip") {
    stream = stream.pipeThrough(new DecompressionStream("gzip"));
  } else if (encoding !== "identity" && encoding !== "") {
    throw new IngestError(`Content-Encoding "${encoding}" is not supported; send gzip or no encoding`, 415);
  }

  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > MAX_REQUEST_BYTES) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw new IngestError(encoding === "identity" || encoding === "" ? "Could not read the request body" : "Request body is not valid gzip", 400);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new IngestError("Request body is not valid UTF-8", 400);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
