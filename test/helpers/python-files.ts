import { readdirSync } from "node:fs";
import { join } from "node:path";

/** Every `.py` file under `dir`, without node_modules, dist or hidden folders. */
export function pythonFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name === "dist" || e.name.startsWith(".")) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) pythonFiles(path, out);
    else if (e.name.endsWith(".py")) out.push(path);
  }
  return out;
}
