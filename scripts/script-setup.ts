import { register } from "node:module";

/**
 * App modules (db/client.ts, lib/…) start with `import "server-only"`, which throws unless
 * the module is resolved under React's "react-server" condition, as Next does for server
 * code. Scripts run under plain Node (tsx), so this makes "server-only" an empty module.
 * Call it before importing app modules, and import them dynamically (`await import(…)`):
 * static imports are resolved before any of the script's code runs.
 */
export function allowServerOnlyImports(): void {
  const hook = `export async function resolve(specifier, context, next) {
    if (specifier === "server-only") return { url: "data:text/javascript,export {}", shortCircuit: true };
    return next(specifier, context);
  }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}
