import "server-only";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { UserError } from "@/lib/errors";

export type SecretKeyContext = { db: Db; workspaceId: string; keyId: string; request: Request };

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

type Issue = { path: string; message: string };

class ApiError extends UserError {
  constructor(
    message: string,
    status: number,
    readonly details?: Issue[],
  ) {
    super(message, status);
    this.name = "ApiError";
  }
}

const noStore = { "Cache-Control": "no-store" };

export function jsonError(status: number, message: string, details?: Issue[]): Response {
  return Response.json(
    { error: message, ...(details && { details }) },
    { status, headers: { ...noStore, ...(status === 401 ? { "WWW-Authenticate": 'Bearer realm="Lumen"' } : {}) } },
  );
}

function bearerToken(header: string | null): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where: "path" | "query"): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  const first = details[0];
  const status = where === "path" ? 404 : 400;
  throw new ApiError(where === "path" ? "Not found" : `Invalid query parameter ${first.path ? `${first.path}: ` : ""}${first.message}`, status, where === "query" ? details : undefined);
}

/**
 * The one wrapper for routes read with a workspace secret key (`Authorization: Bearer
 * lk_secret_…`), as workspaceAction is for server actions: key → workspace → zod (path and
 * query) → handler → JSON. The workspace comes only from the key, so every data function
 * the handler calls is scoped to it and another workspace's ids are simply not found.
 * Errors are JSON `{ error, details? }` with the right status; unexpected ones are logged
 * and answered 500 without internals.
 */
export function secretKeyRoute<P extends z.ZodType = z.ZodObject<Record<string, never>>, Q extends z.ZodType = z.ZodObject<Record<string, never>>>(options: {
  params?: P;
  query?: Q;
  handler: (input: { params: z.output<P>; query: z.output<Q> }, ctx: SecretKeyContext) => Promise<unknown>;
}) {
  return async function handle(request: Request, context: RouteContext): Promise<Response> {
    try {
      const key = bearerToken(request.headers.get("authorization"));
      if (!key) throw new ApiError("Missing API key: send your workspace's secret key as the header Authorization: Bearer lk_secret_…", 401);
      if (key.startsWith("lk_write_")) {
        throw new ApiError("This is a write key, which can only send data. Reading needs a secret key (lk_secret_…) from Settings → API keys.", 401);
      }
      const db = await getDb();
      const auth = await authenticateApiKey(db, key, "secret");
      if (!auth) throw new ApiError("Invalid or revoked secret key", 401);
      const params = parseOrThrow(options.params ?? z.object({}), (await context.params) ?? {}, "path");
      const search = new URL(request.url).searchParams;
      const query = parseOrThrow(options.query ?? z.object({}), Object.fromEntries(search.entries()), "query");
      const body = await options.handler({ params, query } as { params: z.output<P>; query: z.output<Q> }, { db, workspaceId: auth.workspaceId, keyId: auth.keyId, request });
      return Response.json(body, { headers: noStore });
    } catch (error) {
      if (error instanceof ApiError) return jsonError(error.status, error.message, error.details);
      if (error instanceof UserError) return jsonError(error.status, error.message);
      // Not the error itself: drizzle's message carries the query parameters.
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
      console.error(`[api] ${request.method} ${new URL(request.url).pathname} failed: ${cause || (error instanceof Error ? error.name : String(error))}`);
      return jsonError(500, "Internal error; the request can be retried");
    }
  };
}
