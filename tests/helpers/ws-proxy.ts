import net from "node:net";
import { WebSocketServer } from "ws";

/**
 * A WebSocket→TCP proxy, so the Neon serverless driver (the production driver) can talk
 * to a local Postgres in tests: the driver connects to ws://localhost:PORT/v1?address=host:port.
 */
export async function startWsProxy(): Promise<{ port: number; close: () => Promise<void> }> {
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  wss.on("connection", (ws, req) => {
    const address = new URL(req.url ?? "/", "http://localhost").searchParams.get("address") ?? "";
    const [host, portText] = address.split(":");
    const socket = net.connect({ host, port: Number(portText) });
    socket.on("data", (chunk) => ws.send(chunk));
    socket.on("close", () => ws.close());
    socket.on("error", () => ws.close());
    ws.on("message", (data) => socket.write(data as Buffer));
    ws.on("close", () => socket.destroy());
  });
  await new Promise<void>((resolve) => wss.on("listening", () => resolve()));
  const port = (wss.address() as net.AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
