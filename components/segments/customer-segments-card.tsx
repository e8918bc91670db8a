import { Layers } from "lucide-react";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { IntentLink } from "@/components/ui/intent-link";
import { formatDate } from "@/lib/utils/format-date";
import { AddCustomerToSegment, RemoveCustomerFromSegment } from "./customer-segment-actions";
import type { ManualSegmentChoice } from "./manual-segment-picker";
import { SegmentTypeBadge } from "./segment-type-badge";

export type CustomerSegmentItem = {
  publicId: string;
  name: string;
  type: "automatic" | "manual";
  enteredAt: Date;
  source: string;
};

const sourceLabels: Record<string, string> = {
  condition: "Matched its conditions",
  csv: "Added by CSV upload",
  selection: "Added by hand",
  api: "Added through the API",
  data_store: "Added by a data store",
};

export type CustomerSegmentsManage = {
  workspaceId: string;
  customerId: number;
  /** every live manual segment of the workspace (the picker offers those the customer is not in) */
  manualSegments: ManualSegmentChoice[];
};

/**
 * The customer page's segments: every segment they are in (automatic and manual), since when,
 * each a link. With `manage` (members and up), manual ones can be left and joined here; an
 * automatic segment follows its conditions, so it has no controls.
 */
export function CustomerSegmentsCard({ segments, manage }: { segments: CustomerSegmentItem[]; manage?: CustomerSegmentsManage }) {
  const isIn = new Set(segments.map((s) => s.publicId));
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Layers aria-hidden className="size-4 text-gray-400" />
          Segments
        </CardTitle>
      </CardHeader>
      <CardContent>
        {segments.length === 0 ? (
          <p className="text-sm text-gray-500">Not in any segment yet.</p>
        ) : (
          <ul className="space-y-3">
            {segments.map((s) => (
              <li key={s.publicId} className="text-sm">
                <div className="flex flex-wrap items-center justify-between gap-x-2">
                  <IntentLink
                    href={`/segments/${s.publicId}`}
                    className="min-w-0 flex-1 truncate font-medium text-brand-700 underline-offset-4 hover:underline"
                  >
                    {s.name}
                  </IntentLink>
                  <SegmentTypeBadge type={s.type} />
                  {manage && s.type === "manual" ? (
                    <RemoveCustomerFromSegment
                      workspaceId={manage.workspaceId}
                      customerId={manage.customerId}
                      segment={{ publicId: s.publicId, name: s.name }}
                    />
                  ) : null}
                </div>
                <p className="mt-0.5 text-xs text-gray-500">
                  {sourceLabels[s.source] ?? "Member"} · entered {formatDate(s.enteredAt)}
                </p>
              </li>
            ))}
          </ul>
        )}
        {manage ? (
          <AddCustomerToSegment
            workspaceId={manage.workspaceId}
            customerId={manage.customerId}
            segments={manage.manualSegments.filter((s) => !isIn.has(s.publicId))}
          />
        ) : null}
      </CardContent>
    </Card>
  );
}
