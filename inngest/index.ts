import type { Job } from "./define-job";
import { sendInvitationEmail } from "./functions/send-invitation-email";

/** Every background job. Served at /api/inngest and run by the embedded runner. */
export const jobs: Job[] = [sendInvitationEmail];

export const inngestFunctions = jobs.map((job) => job.fn);
