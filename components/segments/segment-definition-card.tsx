import { Pencil } from "lucide-react";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { ConditionTree } from "@/lib/segments/condition-schema";
import { SegmentDefinition } from "./segment-definition";

/** "Who is in this segment": the conditions in plain English with Edit (automatic), or how a manual segment is filled. */
export function SegmentDefinitionCard({
  segmentPublicId,
  type,
  conditions,
  segmentNames,
  canEdit,
}: {
  segmentPublicId: string;
  type: "automatic" | "manual";
  conditions: ConditionTree | null;
  segmentNames: Record<string, string>;
  canEdit: boolean;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Who is in this segment</CardTitle>
        {canEdit && type === "automatic" ? (
          <Link href={`/segments/${segmentPublicId}/edit`} className={buttonClasses({ variant: "ghost", size: "sm" })} aria-label="Edit the conditions">
            <Pencil aria-hidden />
            Edit
          </Link>
        ) : null}
      </CardHeader>
      <CardContent>
        {type === "manual" ? (
          <p className="text-sm text-gray-600">
            A manual segment: customers are added by uploading a CSV of customers, by selecting them on the Customers tab or a customer&apos;s page, through
            the API, or by a linked data store.
          </p>
        ) : conditions ? (
          <SegmentDefinition tree={conditions} segmentNames={segmentNames} />
        ) : (
          <p className="text-sm text-red-700">The conditions of this segment could not be read. Edit them to set new ones.</p>
        )}
      </CardContent>
    </Card>
  );
}
