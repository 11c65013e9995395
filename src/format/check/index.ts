import { formatCompact } from "./compact.js";
import { formatGithub } from "./github.js";
import { formatJson } from "./json.js";
import { formatSarif } from "./sarif.js";
import { formatStylish } from "./stylish.js";
import type { Formatter } from "./types.js";

export const FORMATTERS: Readonly<Record<string, Formatter>> = {
  stylish: formatStylish,
  compact: formatCompact,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
};

export const FORMAT_NAMES = Object.keys(FORMATTERS) as readonly string[];
export type { CheckReport, FormatContext, Formatter } from "./types.js";
export { summarize } from "./types.js";
