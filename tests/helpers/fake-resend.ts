import http from "node:http";
import type { AddressInfo } from "node:net";

export type FakeResendRequest = { path: string; headers: http.IncomingHttpHeaders; body: Record<string, unknown> };

/**
 * A local stand-in for Resend's HTTP API, so tests exercise the real `resend` SDK (pointed here
 * through RESEND_BASE_URL) without the internet. `respond` decides each answer, e.g. fail the
 * first attempt and accept the next.
 */
export async function startFakeResend(respond: (request: FakeResendRequest, index: number) => { status: number; body: unknown }) {
  const received: FakeResendRequest[] = [];
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const request = { path: req.url ?? "", headers: req.headers, body: JSON.parse(raw || "{}") as Record<string, unknown> };
      received.push(request);
      const answer = respond(request, received.length - 1);
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}
