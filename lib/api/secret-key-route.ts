import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, queryRows, type Db, type DbOrTx } from "@/db/client";
import { hashApiKey } from "@/lib/api-keys/hash-api-key";
import { UserError } from "@/lib/errors";

export type SecretKeyAuth = { keyId: string; workspaceId: string };

/**
 * The workspace a secret key belongs to, or null (unknown, revoked, or a write key: write
 * keys are public by design, in web pages and apps, so they never reach the management API).
 */
export async function authenticateSecretKey(db: DbOrTx, key: string): Promise<SecretKeyAuth | null> {
  if (!key) return null;
  const rows = await queryRows<{ id: string; workspace_id: string }>(
    db,
    sql`
      WITH k AS (
        SELECT id, workspace_id FROM api_keys
        WHERE hash = ${hashApiKey(key)} AND kind = 'secret' AND revoked_at IS NULL
      ),
      touch AS (
        UPDATE api_keys SET last_used_at = now()
        FROM k
        WHERE api_keys.id = k.id AND (api_keys.last_used_at IS NULL OR api_keys.last_used_at < now() - interval '1 minute')
      )
      SELECT id, workspace_id FROM k
    `,
  );
  const row = rows[0];
  return row ? { keyId: row.id, workspaceId: row.workspace_id } : null;
}

/** `Authorization: Bearer <key>`, or HTTP Basic with the key as the username (as the tracking API takes it). */
export function secretKeyFromHeader(header: string | null): string {
  if (!header) return "";
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer) return bearer[1];
  const basic = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!basic) return "";
  const decoded = Buffer.from(basic[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon === -1 ? decoded : decoded.slice(0, colon);
}

export type SecretKeyContext<P> = { db: Db; auth: SecretKeyAuth; params: P };

/** Reads a JSON body of at most `maxBytes`, refusing a larger one before buffering it all. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const tooLarge = () => new UserError(`Request body exceeds ${Math.round(maxBytes / 1024 / 1024)} MB`, 413);
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) throw new UserError("Request body is empty; send a JSON object", 400);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.trim()) throw new UserError("Request body is empty; send a JSON object", 400);
  try {
    return JSON.parse(text);
  } catch {
    throw new UserError("Request body is not valid JSON", 400);
  }
}

/** A zod failure as one readable sentence: the first problem, with where it is. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return `${where}${issue.message}`;
}

/**
 * The route wrapper of the management API (secret key): authenticates the key, gives the
 * handler the key's workspace (every query is scoped by it), and turns errors into JSON —
 * a UserError's message and status as they are, anything else a logged 500 without details.
 */
export function withSecretKey<P>(handler: (request: Request, ctx: SecretKeyContext<P>) => Promise<Response>) {
  return async function route(request: Request, context: { params: Promise<P> }): Promise<Response> {
    try {
      const db = await getDb();
      const auth = await authenticateSecretKey(db, secretKeyFromHeader(request.headers.get("authorization")));
      if (!auth) {
        return Response.json(
          { error: "Invalid or missing secret key: send it as `Authorization: Bearer lk_secret_…`" },
          { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="Lumen"' } },
        );
      }
      return await handler(request, { db, auth, params: await context.params });
    } catch (error) {
      if (error instanceof UserError) return Response.json({ error: error.message }, { status: error.status });
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
      console.error(`[api] ${request.method} ${new URL(request.url).pathname} failed: ${cause || (error instanceof Error ? error.name : String(error))}`);
      return Response.json({ error: "Internal error; the request can be retried" }, { status: 500 });
    }
  };
}
