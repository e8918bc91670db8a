"use client";

import { useEffect, useRef } from "react";
import type { WorkerRequest, WorkerResponse } from "./csv-import-protocol";

/**
 * The page's CSV parsing worker (created on first use, ended with the page): `ask` sends it a
 * request and routes its messages to `onMessage`; a worker that cannot start calls `onFailure`.
 */
export function useCsvWorker(onFailure: () => void) {
  const workerRef = useRef<Worker | null>(null);
  useEffect(() => () => workerRef.current?.terminate(), []);
  return function ask(request: WorkerRequest, onMessage: (m: WorkerResponse) => void) {
    workerRef.current ??= new Worker(new URL("./csv-import.worker.ts", import.meta.url), { type: "module" });
    const w = workerRef.current;
    w.onmessage = (e: MessageEvent<WorkerResponse>) => onMessage(e.data);
    w.onerror = onFailure;
    w.postMessage(request);
  };
}
