import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { ExportButton } from "@/components/exports/export-button";
import { ComputeStatus, type ComputeStatusProps } from "./compute-status";
import { SegmentActions } from "./segment-actions";
import { SegmentTypeBadge } from "./segment-type-badge";

export type SegmentHeaderProps = {
  workspaceId: string;
  segment: Omit<ComputeStatusProps, "variant"> & {
    publicId: string;
    name: string;
    description: string;
    type: "automatic" | "manual";
    memberCount: number;
  };
  dependents: { publicId: string; name: string }[];
  /** Members and up may change segments; viewers see no controls (and the actions refuse them). */
  canEdit: boolean;
};

/** Name, description, type, size and status, with Export in the top right corner and the segment's actions. */
export function SegmentHeader({ workspaceId, segment, dependents, canEdit }: SegmentHeaderProps) {
  const count = segment.memberCount.toLocaleString("en-US");
  return (
    <header className="mb-6">
      <div className="mb-3 flex items-center justify-between gap-4">
        <Link href="/segments" className="inline-flex items-center gap-1.5 rounded-md text-sm text-gray-600 hover:text-gray-900">
          <ArrowLeft aria-hidden className="size-4" />
          Segments
        </Link>
        <ExportButton
          workspaceId={workspaceId}
          segmentPublicId={segment.publicId}
          segmentName={segment.name}
          memberCount={segment.memberCount}
          canExport={canEdit}
        />
      </div>
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold tracking-tight break-words text-gray-900">{segment.name}</h1>
        {segment.description ? <p className="mt-1 max-w-2xl text-sm break-words text-gray-600">{segment.description}</p> : null}
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-x-5 gap-y-3">
        <SegmentTypeBadge type={segment.type} />
        <p className="text-sm text-gray-700">
          <span className="text-lg font-semibold text-gray-900 tabular-nums">{count}</span>{" "}
          {segment.memberCount === 1 ? "customer" : "customers"}
        </p>
        <div className="min-w-48">
          <ComputeStatus
            computeStatus={segment.computeStatus}
            computeProgress={segment.computeProgress}
            computeError={segment.computeError}
            variant="full"
          />
        </div>
        {canEdit ? (
          <SegmentActions
            workspaceId={workspaceId}
            segment={{ publicId: segment.publicId, name: segment.name, type: segment.type, memberCount: segment.memberCount }}
            dependents={dependents}
          />
        ) : null}
      </div>
    </header>
  );
}
