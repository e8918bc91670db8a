/**
 * "Opened an email" and "clicked a link in an email" are events (DESIGN.md §4); the builder
 * offers them by what they mean and maps them to the event names this workspace really
 * sends. Senders name them differently (email_opened, "Email Opened", email_link_clicked…),
 * so known names are tried first, then a pattern; with no such events yet, the
 * conventional names are used so a segment can be prepared before the data arrives.
 */

export type EmailActivity = "opened" | "clicked";

const known: Record<EmailActivity, string[]> = {
  opened: ["email_opened", "Email Opened", "email_open", "opened_email", "email.opened"],
  clicked: ["email_clicked", "email_link_clicked", "Email Link Clicked", "email_click", "clicked_email_link", "email.clicked", "link_clicked"],
};

const patterns: Record<EmailActivity, RegExp> = {
  opened: /email.*open|open.*email/i,
  clicked: /email.*click|click.*email|link.*click|click.*link/i,
};

export const emailActivityLabels: Record<EmailActivity, string> = {
  opened: "Opened an email",
  clicked: "Clicked a link in an email",
};

/** The event name standing for `activity` among `eventNames`, and whether the workspace has it. */
export function emailActivityEvent(activity: EmailActivity, eventNames: readonly string[]): { name: string; seen: boolean } {
  const present = new Set(eventNames);
  const exact = known[activity].find((n) => present.has(n));
  if (exact) return { name: exact, seen: true };
  const matched = eventNames.find((n) => patterns[activity].test(n));
  if (matched) return { name: matched, seen: true };
  return { name: known[activity][0], seen: false };
}
