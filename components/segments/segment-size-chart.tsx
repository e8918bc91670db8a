"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";

export type SizePoint = { day: string; entered: number; exited: number; size: number };

const dayLabel = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const number = (n: number) => n.toLocaleString("en-US");

/**
 * Size over time: the segment's size at the end of each day (line) and how many customers
 * entered and exited that day (bars). The numbers are also given as text for screen readers.
 */
export function SegmentSizeChart({ points }: { points: SizePoint[] }) {
  const entered = points.reduce((n, p) => n + p.entered, 0);
  const exited = points.reduce((n, p) => n + p.exited, 0);
  const first = points[0];
  const last = points.at(-1);
  // Sizes are at the end of each day: before the first day's changes it was this.
  const startSize = first ? first.size - first.entered + first.exited : 0;
  return (
    <figure>
      <div aria-hidden>
        <ComposedChart responsive accessibilityLayer={false} data={points} margin={{ top: 8, right: 4, bottom: 0, left: 0 }} style={{ width: "100%", height: 256 }}>
            <CartesianGrid stroke="#e5e7eb" vertical={false} />
            <XAxis dataKey="day" tickFormatter={dayLabel} tick={{ fontSize: 12, fill: "#6b7280" }} tickLine={false} axisLine={false} minTickGap={24} />
            <YAxis yAxisId="changes" allowDecimals={false} label={{ value: "Per day", angle: -90, position: "insideLeft", fontSize: 12, fill: "#6b7280" }} tick={{ fontSize: 12, fill: "#6b7280" }} tickLine={false} axisLine={false} width={48} tickFormatter={number} />
            <YAxis yAxisId="size" orientation="right" allowDecimals={false} label={{ value: "Size", angle: 90, position: "insideRight", fontSize: 12, fill: "#6b7280" }} tick={{ fontSize: 12, fill: "#6b7280" }} tickLine={false} axisLine={false} width={56} tickFormatter={number} />
            <Tooltip
              labelFormatter={(label) => dayLabel(String(label))}
              formatter={(value, name) => [number(Number(value)), name]}
              contentStyle={{ borderRadius: 8, borderColor: "#e5e7eb", fontSize: 13 }}
            />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            <Bar yAxisId="changes" dataKey="entered" name="Entered" fill="#16a34a" radius={[3, 3, 0, 0]} maxBarSize={18} isAnimationActive={false} />
            <Bar yAxisId="changes" dataKey="exited" name="Exited" fill="#dc2626" radius={[3, 3, 0, 0]} maxBarSize={18} isAnimationActive={false} />
            <Line yAxisId="size" dataKey="size" name="Size" type="linear" stroke="#4f46e5" strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </div>
      <figcaption className="sr-only">
        {first && last
          ? `From ${dayLabel(first.day)} to ${dayLabel(last.day)}: ${number(entered)} customers entered and ${number(exited)} exited; the segment went from ${number(startSize)} to ${number(last.size)} customers.`
          : "No changes yet."}
      </figcaption>
    </figure>
  );
}
