import type { DataStoreRecordRow } from "./list-data-store-records";
import type { DataStoreListItem } from "./list-data-stores";

/** A store as the API shows it: public id only, ISO dates. */
export function dataStoreJson(s: DataStoreListItem) {
  return { id: s.publicId, name: s.name, identifierKind: s.identifierKind, recordCount: s.recordCount, linkedSegments: s.linkedSegments, updatedAt: s.updatedAt.toISOString() };
}

export function recordJson(r: DataStoreRecordRow) {
  return { key: r.key, customer: r.customer, data: r.data, updatedAt: r.updatedAt.toISOString(), matchesCustomer: r.customerId !== null };
}
