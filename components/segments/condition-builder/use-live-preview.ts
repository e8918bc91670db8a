"use client";

import { useEffect, useRef, useState } from "react";
import { useDebounce } from "use-debounce";
import { previewSegmentAction } from "@/lib/actions/segments/preview-segment";
import type { PreviewData } from "@/lib/segments/preview-draft";

export type LivePreview =
  | { status: "idle" }
  | { status: "estimating"; last?: PreviewData }
  | { status: "ready"; data: PreviewData }
  | { status: "error"; error: string; last?: PreviewData };

export const PREVIEW_DEBOUNCE_MS = 450;

/** The server's answer for the tree `json`; `last` is the latest count shown, kept (dimmed) while re-estimating. */
export type PreviewAnswer = { json: string; data?: PreviewData; error?: string; last?: PreviewData };

/**
 * The live preview of a definition: asks the server once the tree has been still for a
 * moment (debounced), never for an invalid tree (`treeJson` undefined), and applies only
 * the answer to the latest request — an older answer arriving late is dropped, so the
 * panel never shows the count of a definition the user has already changed.
 */
export function useLivePreview(workspaceId: string, treeJson: string | undefined, segmentId?: string): LivePreview {
  const [debounced] = useDebounce(treeJson, PREVIEW_DEBOUNCE_MS);
  const [answer, setAnswer] = useState<PreviewAnswer>();
  const latest = useRef(0);

  useEffect(() => {
    if (!debounced) return;
    const request = ++latest.current;
    const settle = (patch: Omit<PreviewAnswer, "json" | "last">) => {
      if (request !== latest.current) return; // a newer definition was sent meanwhile
      setAnswer((prev) => ({ json: debounced, ...patch, last: patch.data ?? prev?.data ?? prev?.last }));
    };
    previewSegmentAction(null, { workspaceId, conditions: debounced, ...(segmentId ? { segmentId } : {}) })
      .then((result) => settle(result.ok && result.data ? { data: result.data } : { error: result.ok ? "No preview came back." : result.error }))
      .catch(() => settle({ error: "Could not reach Lumen to estimate. Check your connection." }));
    return () => {
      // Unmounted or superseded: whatever comes back for this request is ignored.
      if (latest.current === request) latest.current += 1;
    };
  }, [debounced, workspaceId, segmentId]);

  return livePreviewState(treeJson, answer);
}

/**
 * What the panel shows: nothing for an invalid tree; "estimating" until an answer for THIS
 * tree has come back (an answer for an earlier tree is never shown as current); then the
 * answer, or its error with the last count kept for context.
 */
export function livePreviewState(treeJson: string | undefined, answer: PreviewAnswer | undefined): LivePreview {
  if (!treeJson) return { status: "idle" };
  const last = answer?.data ?? answer?.last;
  if (answer?.json !== treeJson) return { status: "estimating", last };
  if (answer.data) return { status: "ready", data: answer.data };
  return { status: "error", error: answer.error ?? "No preview came back.", last };
}
