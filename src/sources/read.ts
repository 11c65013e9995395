import { readSqlSource } from "./sql/read.js";
import type { ReaderTools, SourceFileInput, SourceInput, SourceRead } from "./types.js";

/**
 * The reader of a source's kind, bound to it (reading does no I/O: its files
 * are given). The Alembic and Django readers, a few dozen modules (about 35 ms
 * of CPU to load), are loaded only for a project that has such a source.
 */
export async function sourceReader(input: SourceInput): Promise<(tools: ReaderTools) => SourceRead> {
  switch (input.kind) {
    case "sql":
      return (tools) => readSqlSource(input.files, input.plan, tools, input.included ?? [], input.yoyo);
    case "alembic": {
      const { readAlembicSource } = await import("./alembic/read.js");
      return (tools) => readAlembicSource(input.revisions, input.env, tools, input.limits ?? [], input.helpers ?? [], input.sysPath ?? []);
    }
    case "django": {
      const { readDjangoSource } = await import("./django/source.js");
      return (tools) => readDjangoSource(input, tools);
    }
  }
}

/** Every file a source's input holds (for content hashes such as the cache key). */
export function filesOf(input: SourceInput): SourceFileInput[] {
  switch (input.kind) {
    case "sql":
      return [...input.files, ...(input.plan ? [input.plan] : []), ...(input.included ?? []), ...(input.yoyo ? [input.yoyo.config, ...input.yoyo.python] : [])];
    case "alembic":
      return [...input.revisions, ...input.env, ...(input.helpers ?? [])];
    case "django":
      return [...input.files, ...input.apps, ...input.settings];
  }
}
