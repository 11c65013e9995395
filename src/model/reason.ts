import type { ClassificationReason } from "./types.js";

/** A classification reason in words, for the edges that print it (listings, the report, rule messages). */
export function reasonText(reason: ClassificationReason): string {
  const note = (n: string | null): string => (n ? `: ${n}` : "");
  switch (reason.by) {
    case "pragma":
      return `marked ${reason.kind} by pragma on line ${reason.line}${note(reason.note)}`;
    case "config":
      return `configured as ${reason.kind}${note(reason.note)}`;
    case "constraint":
      return `backs constraint ${reason.constraint}`;
    case "unique":
      return "UNIQUE index: enforces a rule on the data";
    case "default":
      return "not UNIQUE and backs no constraint: only speeds up queries";
  }
}
