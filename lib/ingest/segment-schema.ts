import { randomUUID } from "node:crypto";
import { z } from "zod";

/** Segment's own limits, so a payload its SDKs accept is one we accept, and no bigger. */
export const MAX_MESSAGE_BYTES = 32 * 1024;
export const MAX_REQUEST_BYTES = 500 * 1024;
export const MAX_BATCH_MESSAGES = 2500;

// Identifiers and names go into btree indexes, whose entries cannot exceed ~2.7 KB.
const MAX_ID_LENGTH = 255;
const MAX_EMAIL_LENGTH = 320;
const MAX_NAME_LENGTH = 255;
const MAX_LOCATION_LENGTH = 100;
// Postgres parses jsonb recursively; a 32 KB message can nest deep enough to exhaust its stack.
export const MAX_JSON_DEPTH = 32;
/** Timestamps may run this far ahead of the server's clock (device clock skew); further is refused. */
export const MAX_FUTURE_MS = 24 * 3_600_000;

export const messageTypes = ["identify", "track", "page"] as const;
export type MessageType = (typeof messageTypes)[number];

export type Location = { country?: string; region?: string; city?: string; timezone?: string };

/** A validated message in the shape the writer stores; every optional field is absent rather than null. */
export type IngestMessage = {
  type: MessageType;
  userId?: string;
  anonymousId?: string;
  email?: string;
  messageId: string;
  /** ISO 8601 in UTC. */
  timestamp: string;
  /** identify: traits merged into the customer's attributes. */
  traits?: Record<string, unknown>;
  /** identify: columns filled from traits and context. */
  location?: Location;
  /** track / page: the stored event. */
  event?: { name: string; properties: Record<string, unknown> };
};

export type IssueDetail = { index: number; path: string; message: string };

const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Parses the ISO 8601 forms Segment's SDKs send (JS, Python's isoformat, Go's RFC 3339, ...).
 * A time without an offset is UTC, not the server's zone. Returns null for anything else,
 * including dates that do not exist (JS would silently turn Feb 30 into Mar 1).
 */
export function parseTimestamp(value: string): string | null {
  const m = ISO_TIMESTAMP.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", offset = "Z"] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const local = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s), Number(frac.padEnd(3, "0").slice(0, 3)));
  const check = new Date(local);
  if (
    year < 1 ||
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59
  ) {
    return null;
  }
  let offsetMinutes = 0;
  if (offset !== "Z" && offset !== "z") {
    const digits = offset.slice(1).replace(":", "");
    const hours = Number(digits.slice(0, 2));
    const minutes = Number(digits.slice(2) || "0");
    if (hours > 23 || minutes > 59) return null;
    offsetMinutes = (offset[0] === "-" ? -1 : 1) * (hours * 60 + minutes);
  }
  const utc = new Date(local - offsetMinutes * 60_000);
  // Postgres timestamptz starts at 4713 BC but JS toISOString changes format outside years 0–9999.
  if (utc.getUTCFullYear() < 1 || utc.getUTCFullYear() > 9999) return null;
  return utc.toISOString();
}

// Parsed once here; the output is the UTC ISO string that is stored.
const timestampField = z.string({ error: "must be an ISO 8601 date-time string" }).transform((value, ctx) => {
  const parsed = parseTimestamp(value);
  if (parsed === null) {
    ctx.issues.push({ code: "custom", input: value, message: "must be an ISO 8601 date-time string" });
    return z.NEVER;
  }
  return parsed;
});

// SDKs send null for an unset id and some send numbers; an empty string identifies no one.
// A number beyond 2^53 has already been rounded by JSON parsing: two customers could merge.
const exactNumber = z
  .number()
  .finite()
  .refine((v) => !Number.isInteger(v) || Number.isSafeInteger(v), { error: "is a number too large to be exact (beyond 2^53); send the id as a string" });
const idField = z
  .union([z.string(), exactNumber], { error: "must be a string" })
  .nullish()
  .transform((v) => (v === null || v === undefined ? undefined : String(v).trim() || undefined))
  .refine((v) => v === undefined || v.length <= MAX_ID_LENGTH, { error: `must be at most ${MAX_ID_LENGTH} characters` });

const jsonObject = z.record(z.string(), z.unknown(), { error: "must be an object" });

const optionalText = (max: number) =>
  z
    .string({ error: "must be a string" })
    .max(max, { error: `must be at most ${max} characters` })
    .nullish()
    .transform((v) => (v === null || v === undefined ? undefined : v.trim() || undefined));

const contextSchema = z.looseObject({
  traits: jsonObject.nullish(),
  location: z
    .looseObject({
      country: optionalText(MAX_LOCATION_LENGTH),
      region: optionalText(MAX_LOCATION_LENGTH),
      city: optionalText(MAX_LOCATION_LENGTH),
    })
    .nullish(),
  timezone: optionalText(MAX_LOCATION_LENGTH),
});

const baseShape = {
  userId: idField,
  anonymousId: idField,
  messageId: idField,
  timestamp: timestampField.nullish(),
  originalTimestamp: timestampField.nullish(),
  context: contextSchema.nullish(),
};

const identifySchema = z.looseObject({ ...baseShape, type: z.literal("identify", { error: 'must be "identify" at this endpoint' }).optional(), traits: jsonObject.nullish() });

const trackSchema = z.looseObject({
  ...baseShape,
  type: z.literal("track", { error: 'must be "track" at this endpoint' }).optional(),
  event: z
    .string({ error: "is required and must be a string" })
    .trim()
    .min(1, { error: "must not be empty" })
    .max(MAX_NAME_LENGTH, { error: `must be at most ${MAX_NAME_LENGTH} characters` }),
  properties: jsonObject.nullish(),
});

const pageSchema = z.looseObject({
  ...baseShape,
  type: z.literal("page", { error: 'must be "page" at this endpoint' }).optional(),
  name: optionalText(MAX_NAME_LENGTH),
  category: optionalText(MAX_NAME_LENGTH),
  properties: jsonObject.nullish(),
});

const schemas = { identify: identifySchema, track: trackSchema, page: pageSchema } as const;

export const PAGE_EVENT_NAME = "page_viewed";

/** 413 for a message over the size limit, 400 for everything else. */
type Result<T> = { ok: true; value: T } | { ok: false; status: 400 | 413; issues: IssueDetail[] };

/**
 * Validates one message (already JSON-parsed) and returns it in stored form.
 * `expectedType` is the endpoint's type; in a batch the message's own `type` decides.
 */
export function parseMessage(input: unknown, index: number, expectedType?: MessageType, receivedAt = new Date()): Result<IngestMessage> {
  const fail = (path: string, message: string, status: 400 | 413 = 400): Result<IngestMessage> => ({
    ok: false,
    status,
    issues: [{ index, path, message }],
  });
  if (typeof input !== "object" || input === null || Array.isArray(input)) return fail("", "must be a JSON object");

  const serialized = JSON.stringify(input);
  const size = Buffer.byteLength(serialized);
  if (size > MAX_MESSAGE_BYTES) return fail("", `is ${Math.ceil(size / 1024)} KB; a message may be at most ${MAX_MESSAGE_BYTES / 1024} KB`, 413);
  // The walk is only needed when the serialised form shows an escape (NUL and lone surrogates
  // are always escaped) or enough brackets to nest too deep; most messages skip it.
  if (serialized.includes("\\u") || bracketCount(serialized) > MAX_JSON_DEPTH) {
    const unsafe = findUnstorableValue(input, 0);
    if (unsafe) return fail(unsafe.path.reverse().join("."), unsafe.message);
  }

  const rawType = (input as { type?: unknown }).type;
  let type: MessageType;
  if (expectedType) {
    type = expectedType;
  } else if (typeof rawType === "string" && (messageTypes as readonly string[]).includes(rawType)) {
    type = rawType as MessageType;
  } else {
    return fail("type", rawType === undefined ? "is required (identify, track or page)" : `must be identify, track or page; got ${JSON.stringify(rawType)}`);
  }

  const parsed = schemas[type].safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      status: 400,
      issues: parsed.error.issues.map((issue) => ({ index, path: issue.path.map(String).join("."), message: issue.message })),
    };
  }
  const msg = parsed.data;

  // Segment lets an identify carry the email in traits and any message carry it in context.traits.
  const traits = type === "identify" ? ((msg as z.infer<typeof identifySchema>).traits ?? undefined) : undefined;
  const emailSources: [string, unknown][] = [
    ["traits.email", traits?.email],
    ["context.traits.email", msg.context?.traits?.email],
  ];
  let email: string | undefined;
  for (const [path, value] of emailSources) {
    if (value === undefined || value === null) continue;
    if (typeof value !== "string") return fail(path, "must be a string");
    const trimmed = value.trim();
    if (!trimmed) continue;
    if (trimmed.length > MAX_EMAIL_LENGTH) return fail(path, `must be at most ${MAX_EMAIL_LENGTH} characters`);
    if (!trimmed.includes("@")) return fail(path, "must be an email address");
    email ??= trimmed;
  }

  if (!msg.userId && !msg.anonymousId && !email) {
    return fail("userId", "is missing: every message needs a userId, an anonymousId or traits.email");
  }

  const when = msg.timestamp ?? msg.originalTimestamp;
  // A clock far ahead would make the customer look active until then (last seen in year 9999).
  if (when && Date.parse(when) > receivedAt.getTime() + MAX_FUTURE_MS) {
    return fail(msg.timestamp ? "timestamp" : "originalTimestamp", `is more than ${MAX_FUTURE_MS / 3_600_000} hours in the future`);
  }
  const base = {
    type,
    ...(msg.userId && { userId: msg.userId }),
    ...(msg.anonymousId && { anonymousId: msg.anonymousId }),
    ...(email && { email }),
    // Without a sender id a retry cannot be recognised; each such message is stored as new.
    messageId: msg.messageId ?? `lumen-${randomUUID()}`,
    timestamp: when ?? receivedAt.toISOString(),
  };

  if (type === "identify") {
    return { ok: true, value: { ...base, traits: traits ?? {}, location: locationOf(traits ?? {}, msg.context) } };
  }
  if (type === "track") {
    const track = msg as z.infer<typeof trackSchema>;
    return { ok: true, value: { ...base, event: { name: track.event, properties: track.properties ?? {} } } };
  }
  const page = msg as z.infer<typeof pageSchema>;
  return {
    ok: true,
    value: {
      ...base,
      event: {
        name: PAGE_EVENT_NAME,
        properties: {
          ...(page.properties ?? {}),
          ...(page.name !== undefined && { name: page.name }),
          ...(page.category !== undefined && { category: page.category }),
        },
      },
    },
  };
}

function text(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed && trimmed.length <= MAX_LOCATION_LENGTH ? trimmed : undefined;
}

/** Traits the customer stated win over context.location, which SDKs derive from the IP address. */
function locationOf(traits: Record<string, unknown>, context: z.infer<typeof contextSchema> | null | undefined): Location {
  const address = typeof traits.address === "object" && traits.address !== null ? (traits.address as Record<string, unknown>) : {};
  const location: Location = {
    country: text(traits.country) ?? text(address.country) ?? context?.location?.country,
    region: text(traits.region) ?? text(traits.state) ?? text(address.region) ?? text(address.state) ?? context?.location?.region,
    city: text(traits.city) ?? text(address.city) ?? context?.location?.city,
    timezone: text(traits.timezone) ?? context?.timezone,
  };
  for (const key of Object.keys(location) as (keyof Location)[]) if (location[key] === undefined) delete location[key];
  return location;
}

function isStorableString(value: string): boolean {
  return !value.includes("\u0000") && value.isWellFormed();
}

/**
 * What must be known of a JSON text before it is parsed, read in one loop with no recursion:
 * - `depth`, how deep it nests (stops counting past `limit`), so a 5,000-level body cannot
 *   overflow a stack (JSON.stringify and recursive walks would). Brackets inside strings do
 *   not count.
 * - `mayOverflow`, whether a number could parse to ±Infinity (an exponent, or more than 300
 *   digits in a row): only then does the parse need a reviver looking at every value, which
 *   doubles its cost (1–3 ms for a 100-event batch).
 */
export function scanJsonText(text: string, limit: number): { depth: number; mayOverflow: boolean } {
  let depth = 0;
  let max = 0;
  let inString = false;
  let digits = 0;
  let mayOverflow = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c >= 48 && c <= 57) {
      if (++digits > 300) mayOverflow = true;
      continue;
    }
    // Outside strings an e or E after a digit or a point can only be a number's exponent
    // (true and false have theirs after letters).
    if ((c === 101 || c === 69) && i > 0) {
      const before = text.charCodeAt(i - 1);
      if ((before >= 48 && before <= 57) || before === 46) mayOverflow = true;
    }
    digits = 0;
    if (c === 34) {
      inString = true;
    } else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) max = depth;
      if (max > limit) return { depth: max, mayOverflow };
    } else if (c === 125 || c === 93) {
      depth--;
    }
  }
  return { depth: max, mayOverflow };
}

/** A request nesting deeper than this is refused before it is parsed (a message: MAX_JSON_DEPTH, plus batch framing). */
export const MAX_REQUEST_DEPTH = MAX_JSON_DEPTH * 2;

function bracketCount(serialized: string): number {
  let count = 0;
  for (let i = 0; i < serialized.length; i++) {
    const c = serialized.charCodeAt(i);
    if (c === 123 || c === 91) count++; // { [
  }
  return count;
}

type Unstorable = { path: string[]; message: string };

/**
 * Postgres rejects in jsonb and text what JSON allows: the NUL character and unpaired
 * surrogates. Catching them here turns a failed statement (a 500 the SDK would retry
 * forever) into a 400 naming the field. The path is collected (leaf first) only on failure.
 */
function findUnstorableValue(value: unknown, depth: number): Unstorable | null {
  if (depth > MAX_JSON_DEPTH) return { path: [], message: `nests deeper than ${MAX_JSON_DEPTH} levels` };
  if (typeof value === "string") {
    return isStorableString(value) ? null : { path: [], message: "contains a NUL character or invalid Unicode" };
  }
  if (typeof value !== "object" || value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableValue(value[i], depth + 1);
      if (found) {
        found.path.push(String(i));
        return found;
      }
    }
    return null;
  }
  for (const key in value) {
    if (!isStorableString(key)) return { path: [key], message: "has a key with a NUL character or invalid Unicode" };
    const found = findUnstorableValue((value as Record<string, unknown>)[key], depth + 1);
    if (found) {
      found.path.push(key);
      return found;
    }
  }
  return null;
}

/** The top-level shape of a /batch body; each message is validated on its own so errors name its index. */
export const batchBodySchema = z.looseObject({
  batch: z
    .array(z.unknown(), { error: "batch must be an array of messages" })
    .min(1, { error: "batch must contain at least one message" })
    .max(MAX_BATCH_MESSAGES, { error: `batch may contain at most ${MAX_BATCH_MESSAGES} messages` }),
  context: jsonObject.nullish(),
});
