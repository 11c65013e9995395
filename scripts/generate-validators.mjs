#!/usr/bin/env node
/**
 * Build step (run by `npm run build` and `prepare` before the compiler):
 * compiles schemas/config.schema.json with ajv once, here, and writes
 *
 *   src/config/generated/config-validator.ts  ajv's standalone validator, so a
 *     run loads a few kilobytes of plain code instead of importing ajv and
 *     compiling the schema (about 190 ms);
 *   src/config/generated/config-schema.ts     the schema as a TypeScript type,
 *     which src/config/raw-config.ts holds against the configuration's type.
 *
 *   node scripts/generate-validators.mjs [root]          write both files
 *   node scripts/generate-validators.mjs [root] --check  exit 1 when either is stale
 *
 * Plain JavaScript, because it runs before the TypeScript is compiled.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv } from "ajv";
import standalone from "ajv/dist/standalone/index.js";

/** The validator's options; src/config/rule-options.ts compiles rule options with the same ones. */
export const AJV_OPTIONS = { allErrors: true, strict: true, strictTuples: false, verbose: true };

const SCHEMA = "schemas/config.schema.json";
const OUT_DIR = "src/config/generated";
const HEADER = `// Generated from ${SCHEMA} by scripts/generate-validators.mjs (npm run build): do not edit.\n`;

/** The generated files' paths (relative to the root) and contents, from the schema's text. */
export function generatedFiles(schemaText) {
  const schema = JSON.parse(schemaText);
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true, lines: true } });
  const code = standalone.default(ajv, ajv.compile(schema));
  const validator =
    HEADER +
    "// @ts-nocheck: ajv's output is plain JavaScript; src/config/validate.ts gives it its type.\n" +
    // ajv's ESM output still require()s its small runtime helpers (string length in code points).
    'import { createRequire } from "node:module";\n' +
    "const require = createRequire(import.meta.url);\n" +
    code.replace(/^"use strict";/, "") +
    "\n";
  const type = HEADER + "/** The configuration schema's JSON, read as a type (JSON is TypeScript type syntax). */\n" + `export type ConfigSchema = ${JSON.stringify(schema, null, 2)};\n`;
  return [
    [`${OUT_DIR}/config-validator.ts`, validator],
    [`${OUT_DIR}/config-schema.ts`, type],
  ];
}

function main(argv) {
  const check = argv.includes("--check");
  const root = resolve(argv.find((a) => !a.startsWith("--")) ?? ".");
  const files = generatedFiles(readFileSync(join(root, SCHEMA), "utf8"));
  if (check) {
    const stale = files.filter(([path, text]) => {
      try {
        return readFileSync(join(root, path), "utf8") !== text;
      } catch {
        return true;
      }
    });
    for (const [path] of stale) process.stderr.write(`generate-validators: ${path} is stale against ${SCHEMA}: run npm run build\n`);
    return stale.length === 0 ? 0 : 1;
  }
  mkdirSync(join(root, OUT_DIR), { recursive: true });
  for (const [path, text] of files) {
    let current = null;
    try {
      current = readFileSync(join(root, path), "utf8");
    } catch {
      // not written yet
    }
    // Unchanged files keep their time stamps, so the compiler's incremental builds stay incremental.
    if (current !== text) writeFileSync(join(root, path), text);
  }
  return 0;
}

// Run as a script (not when a test imports it).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exitCode = main(process.argv.slice(2));
