import { leaves, referencedSegmentIds, type ConditionTree } from "./condition-schema";
import { timeEdges } from "./time-rules";

export type SegmentNode = { id: number; publicId: string; tree: ConditionTree };

/** What kinds of change can move a customer in or out of a segment. */
export function segmentSensitivity(tree: ConditionTree) {
  const all = [...leaves(tree)];
  return {
    /** identify / import / manual edits of a customer's attributes or location */
    profile: all.some((l) => l.type === "attribute" || l.type === "location"),
    /** tracked events, by name */
    eventNames: new Set(all.flatMap((l) => (l.type === "event" ? [l.event] : []))),
    /** membership of other segments, by public id */
    segments: new Set(referencedSegmentIds(tree)),
    /** relative windows that slide as time passes */
    timeRelative: all.some((l) => timeEdges(l).length > 0),
  };
}

/**
 * The segments to re-evaluate, in dependency order: those directly affected, then every
 * segment that refers to one of them (and so on). Referenced segments come first so a
 * dependent reads their updated membership.
 */
export function affectedInOrder(all: SegmentNode[], directlyAffected: (node: SegmentNode) => boolean): SegmentNode[] {
  const byPublicId = new Map(all.map((s) => [s.publicId, s]));
  const dependents = new Map<string, SegmentNode[]>();
  for (const s of all) {
    for (const ref of referencedSegmentIds(s.tree)) {
      if (!dependents.has(ref)) dependents.set(ref, []);
      dependents.get(ref)!.push(s);
    }
  }
  const affected = new Set<string>();
  const queue = all.filter(directlyAffected).map((s) => s.publicId);
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (affected.has(id)) continue;
    affected.add(id);
    for (const d of dependents.get(id) ?? []) queue.push(d.publicId);
  }
  // Topological order over the affected subgraph (cycles are refused when saving).
  const ordered: SegmentNode[] = [];
  const done = new Set<string>();
  const visit = (id: string, trail: Set<string>) => {
    if (done.has(id) || trail.has(id)) return;
    trail.add(id);
    const node = byPublicId.get(id);
    if (node) for (const ref of referencedSegmentIds(node.tree)) if (affected.has(ref)) visit(ref, trail);
    done.add(id);
    if (node && affected.has(id)) ordered.push(node);
  };
  for (const id of affected) visit(id, new Set());
  return ordered;
}

/**
 * The same segments grouped into levels: a segment's level is one more than the highest
 * level of the affected segments it refers to. Segments of one level do not depend on
 * each other, so they can be evaluated at the same time.
 */
export function inLevels(ordered: SegmentNode[]): SegmentNode[][] {
  const level = new Map<string, number>();
  const levels: SegmentNode[][] = [];
  for (const node of ordered) {
    const refs = referencedSegmentIds(node.tree).filter((id) => level.has(id));
    const mine = refs.length === 0 ? 0 : 1 + Math.max(...refs.map((id) => level.get(id)!));
    level.set(node.publicId, mine);
    (levels[mine] ??= []).push(node);
  }
  return levels;
}
