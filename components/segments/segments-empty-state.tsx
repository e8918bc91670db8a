import { Hand, Layers, Zap } from "lucide-react";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { CreateSegmentLink } from "./create-segment-link";
import { segmentTypeCopy } from "./segment-type-copy";

/** No segment in the workspace yet: what segments are, the two types in the guide's words, and the way in. */
export function SegmentsEmptyState({ canCreate }: { canCreate: boolean }) {
  return (
    <Card>
      <EmptyState
        icon={<Layers />}
        title="No segments yet"
        action={
          canCreate ? (
            <CreateSegmentLink />
          ) : (
            <p className="text-sm text-gray-500">You have view-only access to this workspace: ask an admin to create segments.</p>
          )
        }
      >
        <p>
          Segmentation is the process of dividing your customers into groups based on shared characteristics, such as behavior,
          actions, demography, etc. We offer two types of segments: automatic segments and manual segments.
        </p>
      </EmptyState>
      <div className="grid grid-cols-1 gap-4 px-4 pb-4 sm:px-6 sm:pb-6 md:grid-cols-2">
        <TypeExplainer icon={<Zap />} title="Automatic segments" paragraphs={segmentTypeCopy.automatic.long} />
        <TypeExplainer icon={<Hand />} title="Manual segments" paragraphs={segmentTypeCopy.manual.long} />
      </div>
    </Card>
  );
}

function TypeExplainer({ icon, title, paragraphs }: { icon: ReactNode; title: string; paragraphs: readonly string[] }) {
  return (
    <div className="rounded-lg border border-gray-200 bg-gray-50/60 p-4">
      <div className="flex items-center gap-2">
        <span aria-hidden className="text-brand-600 [&_svg]:size-4">
          {icon}
        </span>
        <h3 className="text-sm font-semibold text-gray-900">{title}</h3>
      </div>
      {paragraphs.map((p) => (
        <p key={p} className="mt-2 text-sm text-gray-600">
          {p}
        </p>
      ))}
    </div>
  );
}
