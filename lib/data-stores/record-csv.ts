import { MAX_FIELDS_PER_RECORD, MAX_IDENTIFIER_LENGTH, MAX_KEY_LENGTH, MAX_RECORD_DATA_BYTES } from "./data-store-limits";

/**
 * A data store's CSV upload rides on the segment import's staging: a staged row is
 * [row number, Record ID cell, cells], the customer cell among the cells under this name
 * (field names cannot start with `$`, so it never meets a data field).
 */
export const CUSTOMER_CELL = "$customer";

/** Header names the Record ID column is guessed from. */
export const recordIdHeader = /^(key|record[-_ ]?(key|id)|id|subscription[-_ ]?id|order[-_ ]?id|ref(erence)?)$/i;

/**
 * Why a row did not become a record: the words of the report and of the error file. A Record
 * ID twice in a file: the first row with it (among rows that are otherwise valid) is used, the
 * later ones are rejected, as the segment import does with a customer twice.
 */
export const recordRejectReasons = {
  emptyKey: "empty Record ID",
  keyTooLong: `Record ID longer than ${MAX_KEY_LENGTH} characters`,
  duplicateKey: "Record ID already in an earlier row (the first one is used)",
  emptyCustomer: "empty customer",
  customerTooLong: `customer longer than ${MAX_IDENTIFIER_LENGTH} characters`,
  invalidEmail: "invalid email",
  tooManyFields: `more than ${MAX_FIELDS_PER_RECORD} fields`,
  dataTooLarge: `data larger than ${MAX_RECORD_DATA_BYTES / 1024} KB`,
} as const;
