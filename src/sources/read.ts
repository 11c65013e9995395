import { readDjangoSource } from "./django/source.js";
import { readSqlSource } from "./sql/read.js";
import type { ReaderTools, SourceInput, SourceRead } from "./types.js";

/** Reads a source with the reader of its kind (no I/O: its files are given). */
export function readSource(input: SourceInput, tools: ReaderTools): SourceRead {
  switch (input.kind) {
    case "sql":
      return readSqlSource(input.files, input.plan, tools);
    case "django":
      return readDjangoSource(input, tools);
  }
}
