import { createPythonParser, parsePython } from "../../src/python/parser.js";
import { analyzeModule } from "../../src/python/scope.js";
import type { DjangoEvent } from "../../src/sources/django/events.js";
import { readDjangoProject, type DjangoFile, type DjangoOptions, type DjangoRead } from "../../src/sources/django/read.js";

const parser = createPythonParser();

/** Parses `{path: text}` and reads it as a Django project. */
export function readDjango(files: Record<string, string>, options: DjangoOptions = { authUserModel: "auth.User" }): DjangoRead {
  const parsed: DjangoFile[] = Object.entries(files).map(([path, text]) => {
    const root = parsePython(parser, text).rootNode;
    return { path, root, info: analyzeModule(root, text) };
  });
  return readDjangoProject(parsed, options);
}

/** One line per event: what it does, by name (for exact comparisons). */
export function describeEvent(e: DjangoEvent): string {
  switch (e.kind) {
    case "create-index": {
      const i = e.index;
      const keys = i.keys.map((k) => `${k.text}${k.opclass ? ` ${k.opclass}` : ""}${k.descending ? " DESC" : ""}`).join(", ");
      return `${i.unique ? "unique " : ""}index ${i.name} ON ${i.table} (${keys})${i.concurrently ? " concurrently" : ""}${i.where ? ` WHERE ${i.where}` : ""}`;
    }
    case "constraint":
      return `${e.constraint.type} ${e.constraint.name} ON ${e.constraint.table} (${e.constraint.columns.join(", ")})`;
    case "drop":
      return `drop ${e.what} ${e.name}${e.explicit ? "" : " (with its column or table)"}`;
    case "rename-index":
      return `rename ${e.from} -> ${e.to}`;
    case "rename-table":
      return `rename table ${e.from} -> ${e.to}`;
    case "rename-column":
      return `rename column ${e.table}.${e.from} -> ${e.to}`;
    case "create-table":
      return `create table ${e.table}`;
    case "drop-table":
      return `drop table ${e.table}`;
    case "sql":
      return `sql ${e.value.kind === "str" ? e.value.text.trim() : "<template>"}`;
  }
}

/** A migration module: imports, the class, and its body lines. */
export function migration(body: string[]): string {
  return ["from django.conf import settings", "from django.db import migrations, models", "", "", "class Migration(migrations.Migration):", ...body.map((l) => (l ? `    ${l}` : l)), ""].join("\n");
}
