// Makes `npm run dev` / `npm start` work with no environment set: Auth.js needs a secret,
// so one is generated once into .env.local (git-ignored), which Next loads.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, appendFileSync } from "node:fs";

const file = ".env.local";
const current = existsSync(file) ? readFileSync(file, "utf8") : "";
if (!process.env.AUTH_SECRET && !/^AUTH_SECRET=/m.test(current)) {
  appendFileSync(file, `${current && !current.endsWith("\n") ? "\n" : ""}AUTH_SECRET=${randomBytes(32).toString("base64")}\n`);
  console.log("Generated AUTH_SECRET in .env.local");
}
