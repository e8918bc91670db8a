import { describe, expect, it, vi } from "vitest";
import type { PreviewData } from "@/lib/segments/preview-draft";
import { livePreviewState } from "./use-live-preview";

// The hook module imports the server action; its server side is not under test here.
vi.mock("@/lib/actions/segments/preview-segment", () => ({ previewSegmentAction: vi.fn() }));

const data = (count: number): PreviewData => ({ count, total: 100, sample: [], summary: "" });

describe("livePreviewState", () => {
  it("asks nothing and shows nothing for an invalid tree", () => {
    expect(livePreviewState(undefined, { json: "a", data: data(3) })).toEqual({ status: "idle" });
  });

  it("shows an answer only for the tree it was computed for; an older one stays dimmed as 'last'", () => {
    expect(livePreviewState("b", undefined)).toEqual({ status: "estimating", last: undefined });
    expect(livePreviewState("b", { json: "a", data: data(3) })).toEqual({ status: "estimating", last: data(3) });
    expect(livePreviewState("a", { json: "a", data: data(3) })).toEqual({ status: "ready", data: data(3) });
  });

  it("shows the server's error for this tree, keeping the last count for context", () => {
    expect(livePreviewState("a", { json: "a", error: "No such segment", last: data(3) })).toEqual({ status: "error", error: "No such segment", last: data(3) });
  });
});
