import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SegmentSizeChart } from "./segment-size-chart";

// The caption is what a screen reader says of the chart, and the numbers a marketer may quote.
describe("SegmentSizeChart's caption", () => {
  it("counts from the size before the first day's changes, not after them", () => {
    const created = renderToStaticMarkup(<SegmentSizeChart points={[{ day: "2026-12-07", entered: 35, exited: 0, size: 35 }]} />);
    expect(created).toContain("35 customers entered and 0 exited; the segment went from 0 to 35 customers.");

    const edited = renderToStaticMarkup(
      <SegmentSizeChart
        points={[
          { day: "2026-12-06", entered: 10, exited: 2, size: 40 },
          { day: "2026-12-07", entered: 25, exited: 7, size: 58 },
        ]}
      />,
    );
    expect(edited).toContain("35 customers entered and 9 exited; the segment went from 32 to 58 customers.");
  });
});
