import type { ValueType } from "@/lib/segments/condition-schema";

/** One attribute key or event property seen in the workspace, with its usual type and a few values. */
export type CatalogValue = { key: string; type: ValueType; examples: string[] };

export type CatalogEvent = {
  name: string;
  /** Events of this name in the last 30 days, counted up to `countCap`. */
  count?: number;
  countCapped?: boolean;
  properties: CatalogValue[];
};

/** What the builder offers to pick from: what the workspace really has (see getBuilderCatalog). */
export type BuilderCatalog = {
  attributes: CatalogValue[];
  events: CatalogEvent[];
  locations: { countries: string[]; regions: string[]; cities: string[] };
  segments: { publicId: string; name: string; type: "automatic" | "manual" }[];
};

export const emptyCatalog: BuilderCatalog = {
  attributes: [],
  events: [],
  locations: { countries: [], regions: [], cities: [] },
  segments: [],
};
