import { concatOffsets, offsetsAt, type SourceOffsets } from "./offsets.js";
import type { StrValue, TemplateValue } from "./values.js";

/**
 * SQL with its parts known only at run time written as placeholder
 * identifiers (`__ia_dyn0__`), so the rest still parses; each is shown as the
 * Python expression it stands for, in braces.
 */
export interface HoledText {
  text: string;
  /** The .py index of each character of `text` (a placeholder's all stand at its expression). */
  offsets: SourceOffsets;
  /** Placeholder identifier → the expression as `{expr}`. */
  holes: Map<string, string>;
  /** Why each part is not known, by placeholder identifier. */
  reasons: Map<string, string>;
  /** Why the first part is not known (null: none is unknown). */
  reason: string | null;
}

/** The placeholder identifier of the `n`th unknown part of one SQL text. */
export function holeId(n: number): string {
  return `__ia_dyn${n}__`;
}

/** A string value, or a template's parts joined with a placeholder for each unknown one. */
export function holedText(value: StrValue | TemplateValue): HoledText {
  let text = "";
  const offsets: SourceOffsets[] = [];
  const holes = new Map<string, string>();
  const reasons = new Map<string, string>();
  let reason: string | null = null;
  for (const part of value.kind === "str" ? [value] : value.parts) {
    if (part.kind === "str") {
      text += part.text;
      offsets.push(part.offsets);
      continue;
    }
    const id = holeId(holes.size);
    const expr = part.node.text.replace(/\s+/g, " ");
    holes.set(id, expr.startsWith("{") ? expr : `{${expr}}`);
    reasons.set(id, part.reason);
    reason ??= part.reason;
    text += id;
    offsets.push(offsetsAt(part.node.startIndex, id.length));
  }
  return { text, offsets: concatOffsets(offsets), holes, reasons, reason };
}
