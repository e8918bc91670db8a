/** Limits shared by the browser (checked before anything is sent) and the server (checked again). */
/** Records per batch call (API and one CSV upload): one request, one transaction, a few set-based statements. */
export const MAX_RECORDS_PER_BATCH = 10_000;
/** A batch body of 10,000 records with a few fields each, and room. */
export const MAX_RECORDS_BODY_BYTES = 4 * 1024 * 1024;
/** One record's data, as JSON. Records are looked at, not documents to store. */
export const MAX_RECORD_DATA_BYTES = 16 * 1024;
export const MAX_KEY_LENGTH = 255;
export const MAX_IDENTIFIER_LENGTH = 320;
export const MAX_FIELDS_PER_RECORD = 50;
/** Identifiers an incremental sync event carries; more and the store is synced in full (job payloads stay small). */
export const MAX_SYNC_IDENTIFIERS = 2_000;
