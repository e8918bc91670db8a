/**
 * The guide's words for the two segment types, shared by the empty state and the create form so
 * the explanation reads the same everywhere.
 */
export const segmentTypeCopy = {
  automatic: {
    title: "Automatic",
    /** One sentence, for the type choice. */
    short: "Updated automatically based on the conditions or traits you define: Lumen moves customers in and out of the segment based on their behavior or attributes.",
    long: [
      "Automatic segments are dynamic segments that are updated automatically based on the conditions or traits you define for the segment. We automatically move customers in and out of the segment based on their behavior or attributes, without the need for manual intervention.",
      "Traits can be based on user attributes, such as their location or purchase history, or user events, such as clicking a specific link or opening an email.",
    ],
  },
  manual: {
    title: "Manual",
    short: "You choose the customers: upload a CSV of customers, select them on the customer page, or link a data store that adds and removes them.",
    long: [
      "Manual segments are created by manually adding customers to a segment, and this can be achieved by uploading a CSV of customers or via the customer page by selecting individual customers. Additionally, a data store can be linked to a manual segment for automated addition and removal of customers.",
      "Manual segments are especially useful when you already have a specific list of customers that you want to group together.",
    ],
  },
} as const;
