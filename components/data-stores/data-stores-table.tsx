import { Timestamp } from "@/components/dashboard/timestamp";
import { IntentLink } from "@/components/ui/intent-link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { DataStoreListItem } from "@/lib/data-stores/list-data-stores";
import { identifierKindLabels } from "./identifier-kind";

/** The Data stores tab's list: each row opens the store's page. */
export function DataStoresTable({ stores }: { stores: DataStoreListItem[] }) {
  return (
    <Table>
      <caption className="sr-only">Data stores</caption>
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead className="text-right">Records</TableHead>
          <TableHead className="hidden sm:table-cell">Customers by</TableHead>
          <TableHead className="hidden sm:table-cell text-right">Linked segments</TableHead>
          <TableHead className="hidden md:table-cell">Updated</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {stores.map((s) => (
          <TableRow
            key={s.publicId}
            className="relative hover:bg-gray-50 has-[a:focus-visible]:bg-brand-50 has-[a:focus-visible]:outline-2 has-[a:focus-visible]:-outline-offset-2 has-[a:focus-visible]:outline-brand-500"
          >
            <TableCell className="max-w-48 truncate font-medium text-gray-900 sm:max-w-80">
              <IntentLink href={`/data-stores/${s.publicId}`} className="after:absolute after:inset-0 focus-visible:outline-none">
                {s.name}
              </IntentLink>
            </TableCell>
            <TableCell className="text-right tabular-nums">{s.recordCount.toLocaleString("en-US")}</TableCell>
            <TableCell className="hidden sm:table-cell">{identifierKindLabels[s.identifierKind]}</TableCell>
            <TableCell className="hidden sm:table-cell text-right tabular-nums">{s.linkedSegments.toLocaleString("en-US")}</TableCell>
            <TableCell className="hidden whitespace-nowrap text-gray-600 md:table-cell">
              <Timestamp date={s.updatedAt} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
