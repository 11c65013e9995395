import { readAlembicSource } from "./alembic/read.js";
import { readDjangoSource } from "./django/source.js";
import { readSqlSource } from "./sql/read.js";
import type { ReaderTools, SourceFileInput, SourceInput, SourceRead } from "./types.js";

/** Reads a source with the reader of its kind (no I/O: its files are given). */
export function readSource(input: SourceInput, tools: ReaderTools): SourceRead {
  switch (input.kind) {
    case "sql":
      return readSqlSource(input.files, input.plan, tools);
    case "alembic":
      return readAlembicSource(input.revisions, input.env, tools, input.limits ?? []);
    case "django":
      return readDjangoSource(input, tools);
  }
}

/** Every file a source's input holds (for content hashes such as the cache key). */
export function filesOf(input: SourceInput): SourceFileInput[] {
  switch (input.kind) {
    case "sql":
      return [...input.files, ...(input.plan ? [input.plan] : [])];
    case "alembic":
      return [...input.revisions, ...input.env];
    case "django":
      return [...input.files, ...input.apps, ...input.settings];
  }
}
