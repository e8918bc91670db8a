import { Hand, Zap } from "lucide-react";
import { Badge } from "@/components/ui/badge";

export const segmentTypeLabels = { automatic: "Automatic", manual: "Manual" } as const;

export function SegmentTypeBadge({ type }: { type: "automatic" | "manual" }) {
  const Icon = type === "automatic" ? Zap : Hand;
  return (
    <Badge tone={type === "automatic" ? "brand" : "gray"} className="gap-1">
      <Icon aria-hidden className="size-3" />
      {segmentTypeLabels[type]}
    </Badge>
  );
}
