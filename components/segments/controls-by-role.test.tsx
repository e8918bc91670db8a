// Viewers see everything and change nothing (issue #7, point 8): the server actions refuse them
// (lib/actions/segments/segment-actions.test.ts); these check the pages do not offer the controls.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { SegmentDefinitionCard } from "./segment-definition-card";
import { SegmentHeader, type SegmentHeaderProps } from "./segment-header";
import { SegmentsEmptyState } from "./segments-empty-state";

// Rendered outside Next: the client router the actions use is not there, nor needed to render them.
vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn(), replace: vi.fn(), refresh: vi.fn() }) }));

const props = (type: "automatic" | "manual", canEdit: boolean): SegmentHeaderProps => ({
  workspaceId: "00000000-0000-4000-8000-000000000000",
  segment: {
    publicId: "seg_abc",
    name: "Germany",
    description: "",
    type,
    memberCount: 460,
    computeStatus: "ready",
    computeProgress: null,
    computeError: null,
  },
  dependents: [],
  canEdit,
});

/** The names of the buttons and links a marketer can act with (the Segments back link aside). */
function controls(markup: string): string[] {
  const names = [...markup.matchAll(/<(button|a)\b[^>]*>(.*?)<\/\1>/g)].map((m) => m[2].replace(/<[^>]+>/g, "").trim());
  return names.filter((n) => n && n !== "Segments");
}

describe("the segment page's header", () => {
  it("gives members the segment's actions: Export top right, Edit, and the rest as buttons or under More", () => {
    expect(controls(renderToStaticMarkup(<SegmentHeader {...props("automatic", true)} />))).toEqual([
      "Export",
      "Edit",
      "Duplicate",
      "Save as manual segment",
      "Delete Segment",
      "More",
    ]);
    expect(controls(renderToStaticMarkup(<SegmentHeader {...props("manual", true)} />))).toEqual([
      "Export",
      "Upload CSV",
      "Remove by CSV",
      "Edit",
      "Duplicate",
      "Save as manual segment",
      "Delete Segment",
      "More",
    ]);
  });

  it("shows a viewer no control that changes the segment: only Export, disabled (the actions refuse them too)", () => {
    for (const type of ["automatic", "manual"] as const) {
      const markup = renderToStaticMarkup(<SegmentHeader {...props(type, false)} />);
      expect(controls(markup)).toEqual(["Export"]);
      expect(markup).toMatch(/<button[^>]*disabled=""[^>]*>.*?Export/);
    }
  });
});

describe("the definition card and the empty list", () => {
  const tree = { type: "group" as const, operator: "and" as const, conditions: [{ type: "location" as const, field: "country" as const, operator: "is_one_of" as const, values: ["DE"] }] };

  it("offer Edit and Create New Segment to members only", () => {
    const card = (canEdit: boolean) =>
      renderToStaticMarkup(<SegmentDefinitionCard segmentPublicId="seg_abc" type="automatic" conditions={tree} segmentNames={{}} canEdit={canEdit} />);
    expect(controls(card(true))).toEqual(["Edit"]);
    expect(controls(card(false))).toEqual([]);
    expect(controls(renderToStaticMarkup(<SegmentsEmptyState canCreate />))).toContain("Create New Segment");
    expect(controls(renderToStaticMarkup(<SegmentsEmptyState canCreate={false} />))).not.toContain("Create New Segment");
  });
});
