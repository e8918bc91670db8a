"use client";

import { createContext, useContext } from "react";
import type { ValueType } from "@/lib/segments/condition-schema";
import type { BuilderCatalog, CatalogEvent, CatalogValue } from "@/lib/segments/builder/catalog";
import type { DraftNode } from "@/lib/segments/builder/draft";

export type BuilderApi = {
  catalog: BuilderCatalog;
  attributeByKey: Map<string, CatalogValue>;
  eventByName: Map<string, CatalogEvent>;
  /** Segments a condition may refer to (not the one being edited). */
  segments: BuilderCatalog["segments"];
  segmentNames: Record<string, string>;
  newId: () => string;
  update: <T extends DraftNode>(id: string, fn: (node: T) => T) => void;
  remove: (id: string) => void;
  add: (groupId: string, node: DraftNode) => void;
  canAddGroup: (groupId: string) => boolean;
  canAddCondition: boolean;
  /** Messages for a node's field ("" = the node itself) once the user has been there. */
  error: (id: string, field: string) => string | undefined;
  /** All of a node's visible messages (shown under its row). */
  messages: (id: string) => { field: string; message: string }[];
  touch: (id: string) => void;
  /** Row just added from the menu: its first empty field takes the focus. */
  justAdded: string | undefined;
};

export const BuilderContext = createContext<BuilderApi | null>(null);

export function useBuilder(): BuilderApi {
  const api = useContext(BuilderContext);
  if (!api) throw new Error("useBuilder outside SegmentDefinitionEditor");
  return api;
}

/** DOM id of a node's field, for aria-describedby between a control and its message. */
export function fieldDomId(nodeId: string, field: string): string {
  return `cb-${nodeId}-${field.replace(/[^a-z0-9]+/gi, "-") || "row"}`;
}

export function errorProps(api: BuilderApi, nodeId: string, field: string) {
  const message = api.error(nodeId, field);
  return message ? { "aria-invalid": true as const, "aria-describedby": fieldDomId(nodeId, field) } : {};
}

export function typeOfAttribute(api: BuilderApi, key: string): ValueType | undefined {
  return api.attributeByKey.get(key)?.type;
}
