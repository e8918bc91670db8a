/**
 * Whether the embedded default is still creating its demo workspace (first start only, a few
 * seconds). Kept on globalThis because proxy.ts and instrumentation.ts are bundled separately
 * but run in the same server process. No "server-only": proxy.ts imports it.
 */
type DemoStatus = { state: "preparing" | "ready" | "failed"; since: number };

const holder = globalThis as unknown as { __lumenDemoStatus?: DemoStatus };

export function setDemoStatus(state: DemoStatus["state"]): void {
  holder.__lumenDemoStatus = { state, since: Date.now() };
}

export function demoPreparing(): boolean {
  return holder.__lumenDemoStatus?.state === "preparing";
}
