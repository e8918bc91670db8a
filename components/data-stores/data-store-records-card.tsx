import { FileText, Search } from "lucide-react";
import Link from "next/link";
import { Timestamp } from "@/components/dashboard/timestamp";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { KeysetPager } from "@/components/ui/keyset-pager";
import { TableSearchForm } from "@/components/ui/table-search-form";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { DataStoreIdentifierKind } from "@/db/schema";
import type { DataStoreRecordRow } from "@/lib/data-stores/list-data-store-records";
import { memberPageHrefs, type MemberPageParams } from "@/lib/segments/member-page-params";
import { DeleteRecordButton } from "./delete-record-button";
import { RecordDialog } from "./record-dialog";

function fieldsSummary(data: Record<string, unknown>): string {
  return Object.entries(data)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ");
}

/** A store's records in Record ID order: search by the start of the Record ID, keyset pages, edit and delete (members and up). */
export function DataStoreRecordsCard({
  workspaceId,
  dataStoreId,
  identifierKind,
  rows,
  nextCursor,
  params,
  recordCount,
  canEdit,
}: {
  workspaceId: string;
  dataStoreId: string;
  identifierKind: DataStoreIdentifierKind;
  rows: DataStoreRecordRow[];
  nextCursor: string | null;
  params: MemberPageParams;
  recordCount: number;
  canEdit: boolean;
}) {
  const base = `/data-stores/${dataStoreId}`;
  const hrefs = memberPageHrefs(base, params, nextCursor, "records");
  return (
    <Card id="records" className="scroll-mt-6">
      <CardHeader>
        <div>
          <CardTitle>Records</CardTitle>
          <CardDescription>{params.q ? `Records whose Record ID starts with “${params.q}”.` : "Every record in this data store, by Record ID."}</CardDescription>
        </div>
        <TableSearchForm action={`${base}#records`} id="record-search" label="Search records by Record ID" placeholder="Record ID starts with…" defaultValue={params.q} maxLength={255} />
      </CardHeader>
      {rows.length === 0 ? (
        params.q || params.trail.length > 0 ? (
          <EmptyState
            icon={<Search />}
            title={params.q ? `No Record ID starts with “${params.q}”` : "No more records"}
            action={
              <Link href={`${base}#records`} className={buttonClasses({ variant: "secondary" })}>
                Show all records
              </Link>
            }
          />
        ) : (
          <EmptyState icon={<FileText />} title="No records yet">
            {canEdit
              ? "Add a record, upload a CSV file, or send records with the API. Each record names one customer; a segment linked to this store adds them."
              : "Records added by your team, by CSV upload or by the API appear here."}
          </EmptyState>
        )
      ) : (
        <>
          <Table>
            <caption className="sr-only">Records of this data store</caption>
            <TableHeader>
              <TableRow>
                <TableHead>Record ID</TableHead>
                <TableHead>{identifierKind === "email" ? "Customer email" : "Customer ID"}</TableHead>
                <TableHead className="hidden lg:table-cell">Fields</TableHead>
                <TableHead className="hidden md:table-cell">Updated</TableHead>
                {canEdit ? (
                  <TableHead>
                    <span className="sr-only">Actions</span>
                  </TableHead>
                ) : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.key} className="hover:bg-gray-50">
                  <TableCell className="max-w-24 truncate font-mono text-xs text-gray-900 sm:max-w-48">{r.key}</TableCell>
                  <TableCell className="max-w-32 truncate sm:max-w-56">
                    {r.customerId !== null ? (
                      <Link href={`/customers/${r.customerId}`} prefetch={false} className="text-brand-700 underline-offset-4 hover:underline">
                        {r.customer}
                      </Link>
                    ) : (
                      <span title="No customer has this identifier yet: they join linked segments when they appear.">
                        {r.customer} <span className="text-xs text-gray-500">(no customer yet)</span>
                      </span>
                    )}
                  </TableCell>
                  <TableCell className="hidden max-w-56 truncate text-xs text-gray-600 lg:table-cell">{fieldsSummary(r.data) || <span className="text-gray-400">—</span>}</TableCell>
                  <TableCell className="hidden whitespace-nowrap text-gray-600 md:table-cell">
                    <Timestamp date={r.updatedAt} />
                  </TableCell>
                  {canEdit ? (
                    <TableCell className="whitespace-nowrap text-right">
                      <RecordDialog workspaceId={workspaceId} dataStoreId={dataStoreId} identifierKind={identifierKind} record={{ key: r.key, customer: r.customer, data: r.data }} />
                      <DeleteRecordButton workspaceId={workspaceId} dataStoreId={dataStoreId} recordKey={r.key} />
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {rows.some((r) => r.customerId === null) ? (
            <p className="border-t border-gray-100 px-4 pt-3 text-xs text-gray-500">
              <span className="font-medium text-gray-600">(no customer yet)</span>: no customer has this{" "}
              {identifierKind === "email" ? "email" : "External ID"} yet. The record is kept, and the customer joins linked segments as soon as
              they appear (from your tracking or a CSV upload).
            </p>
          ) : null}
          <KeysetPager
            label="Record pages"
            previous={hrefs.previous}
            next={hrefs.next}
            summary={params.q ? `${rows.length}${nextCursor ? "+" : ""} shown` : `${recordCount.toLocaleString("en-US")} in total`}
          />
        </>
      )}
    </Card>
  );
}
