import type { Condition, ConditionGroup } from "@/lib/segments/condition-schema";
import { describeLeaf } from "@/lib/segments/describe-conditions";

/**
 * An automatic segment's conditions in plain English, as nested lists: "Customers who match
 * all of: • Country is "DE" • placed an order". Groups read "all of" (and) / "any of" (or).
 */
export function SegmentDefinition({ tree, segmentNames }: { tree: ConditionGroup; segmentNames: Record<string, string> }) {
  return (
    <div className="text-sm text-gray-800">
      <p>
        Customers who match <strong className="font-semibold">{tree.operator === "and" ? "all" : "any"}</strong> of these
        conditions:
      </p>
      <ConditionList nodes={tree.conditions} segmentNames={segmentNames} />
    </div>
  );
}

function ConditionList({ nodes, segmentNames }: { nodes: Condition[]; segmentNames: Record<string, string> }) {
  return (
    <ul className="mt-2 space-y-1.5 border-l-2 border-brand-100 pl-4">
      {nodes.map((node, i) =>
        node.type === "group" ? (
          <li key={i}>
            <span className="text-gray-600">
              {node.operator === "and" ? "All" : "Any"} of:
            </span>
            <ConditionList nodes={node.conditions} segmentNames={segmentNames} />
          </li>
        ) : (
          <li key={i} className="break-words">
            {describeLeaf(node, segmentNames)}
          </li>
        ),
      )}
    </ul>
  );
}
