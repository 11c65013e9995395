import { createRequire } from "node:module";

/** smol-toml (about 13 ms to load) is required only when a pyproject.toml is read. Throws on text that is not TOML. */
export function parseToml(text: string): unknown {
  const { parse } = createRequire(import.meta.url)("smol-toml") as typeof import("smol-toml");
  return parse(text);
}
