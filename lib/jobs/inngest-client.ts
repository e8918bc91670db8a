import { Inngest } from "inngest";

// The Inngest client holds configuration only (no connection), so one module-level
// instance is safe in serverless code; functions are registered against it.
export const inngest = new Inngest({ id: "lumen" });
