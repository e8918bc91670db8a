import { serve } from "inngest/next";
import { inngest } from "@/lib/jobs/inngest-client";
import { inngestFunctions } from "@/inngest";

export const { GET, POST, PUT } = serve({ client: inngest, functions: inngestFunctions });
