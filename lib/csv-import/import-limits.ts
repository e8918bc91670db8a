/** Limits shared by the browser (checked before anything is sent) and the server (checked again). */
export const MAX_IMPORT_FILE_BYTES = 200 * 1024 * 1024;
/** Rows per staging request; with the byte cap below, a batch stays well under a serverless body limit (4.5 MB). */
export const MAX_ROWS_PER_BATCH = 20_000;
export const MAX_BATCH_BYTES = 3 * 1024 * 1024;
/** Imports with more rows than this are applied by a background job; smaller ones in the request. */
export const BACKGROUND_APPLY_ROWS = 50_000;
export const MAX_IDENTIFIER_LENGTH = 320;
export const MAX_ATTRIBUTE_COLUMNS = 50;
export const MAX_CELL_LENGTH = 2_000;
/** File names the upload accepts, and what it says to anything else (an .xlsx, a .pdf). */
export const CSV_FILE_NAME = /\.(csv|tsv|txt)$/i;
export const NOT_A_CSV_NAME_MESSAGE = "Choose a CSV file (.csv, .tsv or .txt). Excel workbooks: save as CSV first.";
