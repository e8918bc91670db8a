import http from "node:http";
import type { AddressInfo } from "node:net";

type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";
type RouteContext = { params: Promise<Record<string, string | string[]>> };
type Handler = (request: Request, context: RouteContext) => Response | Promise<Response>;
/** A route.ts module: `import * as route from "@/app/api/…/route"`. */
export type RouteModule = Partial<Record<Method, Handler>>;

export type RecordedRequest = { method: string; path: string; headers: Record<string, string>; body: Buffer };

export type RouteServer = {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  port: number;
  /** Every request received, body included, so a test can replay exactly what a client sent. */
  requests: RecordedRequest[];
  close: () => Promise<void>;
};

/**
 * Serves App Router route handlers over real HTTP without Next: each request becomes a web
 * `Request`, goes to the module's exported method, and its `Response` is written back. For
 * testing real HTTP clients (SDKs, fetch with streaming) against route handlers.
 *
 * Keys are paths as in app/: "/api/v1/batch", "/api/items/[id]", "/api/files/[...path]";
 * dynamic segments arrive as `params` (a promise, as in Next 15+).
 */
export async function startRouteServer(
  routes: Record<string, RouteModule>,
  options: { host?: string; port?: number; onError?: (error: unknown) => void } = {},
): Promise<RouteServer> {
  const matchers = Object.entries(routes).map(([pattern, module]) => ({ match: compile(pattern), module }));
  const requests: RecordedRequest[] = [];
  const host = options.host ?? "127.0.0.1";

  const server = http.createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? "/", `http://${req.headers.host ?? host}`);
      const headers = new Headers();
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
      requests.push({ method: req.method ?? "GET", path: url.pathname, headers: Object.fromEntries(headers), body });

      let response: Response;
      const found = matchers.map(({ match, module }) => ({ params: match(url.pathname), module })).find((m) => m.params);
      const handler = found?.module[(req.method ?? "GET").toUpperCase() as Method];
      if (!found) {
        response = Response.json({ error: "Not found" }, { status: 404 });
      } else if (!handler) {
        response = Response.json({ error: "Method not allowed" }, { status: 405 });
      } else {
        const hasBody = req.method !== "GET" && req.method !== "HEAD" && body.length > 0;
        const request = new Request(url, { method: req.method, headers, body: hasBody ? new Uint8Array(body) : undefined });
        response = await handler(request, { params: Promise.resolve(found.params!) });
      }
      await writeResponse(res, response);
    } catch (error) {
      options.onError?.(error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "Route server: handler threw" }));
    }
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function writeResponse(res: http.ServerResponse, response: Response) {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  res.writeHead(response.status, response.statusText, headers);
  if (response.body) {
    // Streamed chunk by chunk, so streaming responses reach the client as they are produced.
    const reader = response.body.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) res.write(next.value);
  }
  res.end();
}

function compile(pattern: string): (path: string) => Record<string, string | string[]> | null {
  const parts = pattern.split("/").filter(Boolean);
  return (path) => {
    const segments = path.split("/").filter(Boolean).map(decodeURIComponent);
    const params: Record<string, string | string[]> = {};
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const catchAll = /^\[\.\.\.(\w+)\]$/.exec(part);
      if (catchAll) {
        if (i >= segments.length) return null;
        params[catchAll[1]] = segments.slice(i);
        return params;
      }
      if (i >= segments.length) return null;
      const dynamic = /^\[(\w+)\]$/.exec(part);
      if (dynamic) params[dynamic[1]] = segments[i];
      else if (part !== segments[i]) return null;
    }
    return segments.length === parts.length ? params : null;
  };
}
