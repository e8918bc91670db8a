// Shared by the tracking API's tests and the segment engine's stream test.
import { sql } from "drizzle-orm";
import { queryRows, toNumber, type Db } from "@/db/client";
import { apiKeys, type ApiKeyKind } from "@/db/schema";
import { displayPrefix, generateApiKey, hashApiKey } from "@/lib/api-keys/hash-api-key";
import * as batchRoute from "@/app/api/v1/batch/route";
import * as identifyRoute from "@/app/api/v1/identify/route";
import * as pageRoute from "@/app/api/v1/page/route";
import * as trackRoute from "@/app/api/v1/track/route";

export const ingestRoutes = {
  "/api/v1/identify": identifyRoute,
  "/api/v1/track": trackRoute,
  "/api/v1/page": pageRoute,
  "/api/v1/batch": batchRoute,
};

export type Endpoint = "identify" | "track" | "page" | "batch";

export async function createWriteKey(db: Db, workspaceId: string, options: { kind?: ApiKeyKind; revoked?: boolean } = {}) {
  const key = generateApiKey(options.kind ?? "write");
  await db.insert(apiKeys).values({
    workspaceId,
    name: "Test key",
    kind: options.kind ?? "write",
    prefix: displayPrefix(key),
    hash: hashApiKey(key),
    revokedAt: options.revoked ? new Date() : null,
  });
  return key;
}

export const basicAuth = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;

/** POSTs to a route handler the way an SDK would: write key as the Basic username unless `key` is null. */
export async function post(
  endpoint: Endpoint,
  body: unknown,
  key: string | null,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: { success?: boolean; error?: string; details?: { index: number; path: string; message: string }[] } }> {
  const payload = typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body);
  const request = new Request(`http://lumen.test/api/v1/${endpoint}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key !== null && { authorization: basicAuth(key) }), ...headers },
    body: payload as BodyInit,
  });
  const response = await ingestRoutes[`/api/v1/${endpoint}`].POST(request);
  return { status: response.status, json: await response.json() };
}

export async function tableCounts(db: Db) {
  const [row] = await queryRows<{ customers: unknown; events: unknown }>(
    db,
    sql`SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM events) AS events`,
  );
  return { customers: toNumber(row.customers), events: toNumber(row.events) };
}
