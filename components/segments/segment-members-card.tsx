import { Search, Users } from "lucide-react";
import Link from "next/link";
import { PageCheckbox, RowCheckbox, SelectionProvider } from "@/components/customers/selection";
import { Timestamp } from "@/components/dashboard/timestamp";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { KeysetPager } from "@/components/ui/keyset-pager";
import { TableSearchForm } from "@/components/ui/table-search-form";
import { IntentLink } from "@/components/ui/intent-link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { RemoveSelectedMembers } from "./remove-selected-members";
import { MAX_MEMBER_QUERY_LENGTH, memberPageHrefs, type MemberPageParams } from "@/lib/segments/member-page-params";

export type MemberRow = {
  customerId: number;
  email: string | null;
  name: string | null;
  externalId: string | null;
  enteredAt: Date;
};

/**
 * The segment's members: search, keyset pages (Next / Previous, no OFFSET), each row opening the
 * customer's page (prefetched on intent only).
 */
export function SegmentMembersCard({
  segmentPublicId,
  rows,
  nextCursor,
  params,
  memberCount,
  computing,
  selectable,
}: {
  segmentPublicId: string;
  rows: MemberRow[];
  nextCursor: string | null;
  params: MemberPageParams;
  memberCount: number;
  computing: boolean;
  /** A manual segment, for members and up: tick members and remove them. */
  selectable?: { workspaceId: string; segmentName: string };
}) {
  const base = `/segments/${segmentPublicId}`;
  const hrefs = memberPageHrefs(base, params, nextCursor);
  return (
    <Card id="members" className="scroll-mt-6">
      <CardHeader>
        <div>
          <CardTitle>Members</CardTitle>
          <CardDescription>
            {params.q ? `Members matching “${params.q}”.` : "Customers in this segment, listed by when they became customers (newest first); Entered says when each joined the segment."}
          </CardDescription>
        </div>
        <TableSearchForm action={`${base}#members`} id="member-search" label="Search members" placeholder="Email, ID or name" defaultValue={params.q} maxLength={MAX_MEMBER_QUERY_LENGTH} />
      </CardHeader>
      {rows.length === 0 ? (
        params.q ? (
          <EmptyState
            icon={<Search />}
            title={`No members match “${params.q}”`}
            action={
              <Link href={`${base}#members`} className={buttonClasses({ variant: "secondary" })}>
                Show all members
              </Link>
            }
          >
            Search matches the start of an email address, an exact external ID, or part of a name.
          </EmptyState>
        ) : params.trail.length > 0 ? (
          <EmptyState
            icon={<Users />}
            title="No more members"
            action={
              <Link href={hrefs.first} className={buttonClasses({ variant: "secondary" })}>
                Back to the first page
              </Link>
            }
          />
        ) : (
          <EmptyState icon={<Users />} title={computing ? "Finding the customers who match…" : "No customers in this segment yet"}>
            {computing
              ? "Members appear here as the calculation goes; this page updates by itself."
              : memberCount > 0
                ? "The member list is being updated."
                : "Customers appear here as soon as they are in the segment."}
          </EmptyState>
        )
      ) : (
        <SelectionProvider pageIds={rows.map((m) => m.customerId)}>
          {selectable ? <RemoveSelectedMembers workspaceId={selectable.workspaceId} segmentPublicId={segmentPublicId} segmentName={selectable.segmentName} /> : null}
          <Table>
            <caption className="sr-only">Members of this segment</caption>
            <TableHeader>
              <TableRow>
                {selectable ? (
                  <TableHead className="w-10 pr-0">
                    <PageCheckbox label="Select every member on this page" />
                  </TableHead>
                ) : null}
                <TableHead>Email</TableHead>
                <TableHead className="hidden sm:table-cell">Name</TableHead>
                <TableHead className="hidden md:table-cell">External ID</TableHead>
                <TableHead>Entered</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((m) => (
                <TableRow
                  key={m.customerId}
                  className="relative hover:bg-gray-50 has-[a:focus-visible]:bg-brand-50 has-[a:focus-visible]:outline-2 has-[a:focus-visible]:-outline-offset-2 has-[a:focus-visible]:outline-brand-500"
                >
                  {selectable ? (
                    <TableCell className="w-10 pr-0">
                      <RowCheckbox id={m.customerId} label={`Select ${m.email ?? m.name ?? `customer ${m.customerId}`}`} />
                    </TableCell>
                  ) : null}
                  <TableCell className={`${selectable ? "max-w-40" : "max-w-44"} font-medium break-all text-gray-900 sm:max-w-72 sm:truncate`}>
                    <IntentLink href={`/customers/${m.customerId}`} className="after:absolute after:inset-0 focus-visible:outline-none">
                      {m.email ?? m.name ?? <span className="text-gray-500 italic">Customer {m.customerId}</span>}
                    </IntentLink>
                  </TableCell>
                  <TableCell className="hidden max-w-56 truncate sm:table-cell">{m.name ?? <span className="text-gray-400">—</span>}</TableCell>
                  <TableCell className="hidden max-w-48 truncate font-mono text-xs text-gray-600 md:table-cell">
                    {m.externalId ?? <span className="font-sans text-sm text-gray-400">—</span>}
                  </TableCell>
                  <TableCell className="whitespace-nowrap text-gray-600">
                    <Timestamp date={m.enteredAt} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <KeysetPager
            label="Member pages"
            previous={hrefs.previous}
            next={hrefs.next}
            summary={params.q ? `${rows.length}${nextCursor ? "+" : ""} shown` : `${memberCount.toLocaleString("en-US")} in total`}
          />
        </SelectionProvider>
      )}
    </Card>
  );
}
