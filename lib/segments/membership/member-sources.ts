import type { memberSources } from "@/db/schema";

/** Sources that change a manual segment's members (`condition` is the automatic engine's). */
export const manualMemberSources = ["csv", "selection", "api", "data_store"] as const;
export type ManualMemberSource = (typeof manualMemberSources)[number];

// Compile-time check that every manual source is a value of the member_source enum.
const _inEnum: readonly (typeof memberSources)[number][] = manualMemberSources;
void _inEnum;

/** Each source's bit in segment_members.sources. The migration's backfill uses the same numbers. */
export const memberSourceBits: Record<ManualMemberSource, number> = { csv: 1, selection: 2, api: 4, data_store: 8 };

/** Everything a person does (CSV, picking customers, the API): one owner, so any of them can undo another. */
export const HAND_SOURCES_MASK = memberSourceBits.csv | memberSourceBits.selection | memberSourceBits.api;

/**
 * The bits a removal by `source` clears. A removal by hand clears every hand bit; a data store
 * clears only its own, so a store never removes a customer someone added by hand (nor the reverse).
 */
export function removalMask(source: ManualMemberSource): number {
  return source === "data_store" ? memberSourceBits.data_store : HAND_SOURCES_MASK;
}

/** The words for sources, as the UI and API say them. */
export const memberSourceLabels: Record<ManualMemberSource, string> = {
  csv: "CSV upload",
  selection: "Picked by hand",
  api: "API",
  data_store: "Data store",
};
