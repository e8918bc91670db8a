import type { SegmentDetail } from "@/lib/segments/get-segment";
import type { SegmentListItem } from "@/lib/segments/list-segments";

/** A segment as the read API shows it: the public id as `id`, never the internal one. */
export function segmentJson(s: SegmentListItem) {
  return {
    id: s.publicId,
    name: s.name,
    description: s.description,
    type: s.type,
    memberCount: s.memberCount,
    status: s.computeStatus,
    progress: s.computeProgress,
    error: s.computeError,
    lastChangedAt: s.lastChangedAt,
    updatedAt: s.updatedAt,
  };
}

export function segmentDetailJson(s: SegmentDetail) {
  return { ...segmentJson(s), conditions: s.conditions, definitionVersion: s.definitionVersion, computedAt: s.computedAt, createdAt: s.createdAt };
}
