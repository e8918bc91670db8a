import { Hand, Layers, Zap } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { PageHeader } from "@/components/dashboard/page-header";
import { Timestamp } from "@/components/dashboard/timestamp";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listSegments, type SegmentListItem } from "@/lib/segments/list-segments";
import { getWorkspaceContext } from "@/lib/workspaces/current-workspace";

export const metadata: Metadata = { title: "Segments" };

const typeLabels = { automatic: "Automatic", manual: "Manual" } as const;

export default async function SegmentsPage() {
  const { db, workspaceId } = await getWorkspaceContext();
  const segments = await listSegments(db, workspaceId);
  return (
    <>
      <PageHeader
        title="Segments"
        description="Group your customers by shared characteristics, such as location, user actions and user properties, to send targeted, relevant messages."
      />
      {segments.length === 0 ? <NoSegments /> : <SegmentTable segments={segments} />}
    </>
  );
}

function SegmentTable({ segments }: { segments: SegmentListItem[] }) {
  return (
    <Card>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Type</TableHead>
            <TableHead className="text-right">Customers</TableHead>
            <TableHead>Updated</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {segments.map((s) => (
            <TableRow key={s.publicId}>
              <TableCell className="font-medium text-gray-900">{s.name}</TableCell>
              <TableCell>
                <Badge tone={s.type === "automatic" ? "brand" : "gray"}>{typeLabels[s.type]}</Badge>
                {s.computeStatus === "failed" ? (
                  <Badge tone="red" className="ml-2">
                    Update failed
                  </Badge>
                ) : s.computeStatus !== "ready" ? (
                  <Badge tone="amber" className="ml-2">
                    Updating
                  </Badge>
                ) : null}
              </TableCell>
              <TableCell className="text-right tabular-nums">{s.memberCount.toLocaleString("en-US")}</TableCell>
              <TableCell className="whitespace-nowrap text-gray-600">
                <Timestamp date={s.updatedAt} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}

function NoSegments() {
  return (
    <Card>
      <EmptyState icon={<Layers />} title="No segments yet">
        <p>
          Segmentation divides your customers into groups based on shared characteristics, such as behavior, actions and
          demography. Lumen offers two types of segments:
        </p>
      </EmptyState>
      <div className="grid gap-4 px-6 pb-6 md:grid-cols-2">
        <SegmentType icon={<Zap />} title="Automatic segments">
          Updated automatically based on the conditions or traits you define. Lumen moves customers in and out of the
          segment based on their behavior or attributes, such as their location or purchase history, or events like
          clicking a link or opening an email, without the need for manual intervention.
        </SegmentType>
        <SegmentType icon={<Hand />} title="Manual segments">
          Created by adding customers yourself, by uploading a CSV of customers or by selecting individual customers on
          the customer page. A data store can also be linked to a manual segment for automated addition and removal of
          customers. Useful when you already have a specific list of customers to group together.
        </SegmentType>
      </div>
      <p className="border-t border-gray-100 px-6 py-4 text-sm text-gray-600">
        Creating segments is not available in this version of Lumen yet. Meanwhile you can browse the people segments
        will be built from in{" "}
        <Link href="/customers" className="font-medium text-brand-700 underline-offset-4 hover:underline">
          Customers
        </Link>
        .
      </p>
    </Card>
  );
}

function SegmentType({ icon, title, children }: { icon: ReactNode; title: string; children: ReactNode }) {
  return (
    <div className="rounded-lg border border-gray-200 bg-gray-50/60 p-4">
      <div className="flex items-center gap-2">
        <span aria-hidden className="text-brand-600 [&_svg]:size-4">
          {icon}
        </span>
        <h3 className="text-sm font-semibold text-gray-900">{title}</h3>
      </div>
      <p className="mt-2 text-sm text-gray-600">{children}</p>
    </div>
  );
}
