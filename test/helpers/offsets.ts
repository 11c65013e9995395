import { offsetAt, type SourceOffsets } from "../../src/python/offsets.js";

/** One number per character, read one character at a time (not by walking the runs as the product does), to compare with a list. */
export function offsetsToArray(o: SourceOffsets): number[] {
  return Array.from({ length: o.length }, (_, k) => offsetAt(o, k)!);
}
