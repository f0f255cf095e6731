// The fault tests run the built app, as `npm start` does: build it once, unless told a build is there.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./support";

export default function globalSetup() {
  if (process.env.FAULTS_SKIP_BUILD === "1" && existsSync(join(ROOT, ".next", "BUILD_ID"))) return;
  execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}
