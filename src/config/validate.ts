import type { ErrorObject } from "ajv";
import { createRequire } from "node:module";
import { validate } from "./generated/config-validator.js";
import type { RawConfig } from "./raw-config.js";

/** ajv's standalone validator for schemas/config.schema.json, generated at build time (scripts/generate-validators.mjs). */
interface ConfigValidator {
  (data: unknown): data is RawConfig;
  errors?: ErrorObject[] | null;
}

/** The generated code is untyped JavaScript: this is its type, the one ajv's own validators have. */
const validateRaw = validate as ConfigValidator;

/** The configuration as written, or ajv's errors for it. */
export function validateConfig(raw: unknown): { config: RawConfig } | { errors: ErrorObject[] } {
  return validateRaw(raw) ? { config: raw } : { errors: validateRaw.errors ?? [] };
}

type AjvModule = typeof import("ajv");
let ajv: InstanceType<AjvModule["Ajv"]> | null = null;

/**
 * ajv's errors for a rule's options, or null when they are valid. Only a
 * configuration that gives a rule options loads ajv (about 190 ms with a
 * compile), and with the options the build uses for the configuration schema.
 */
export function ruleOptionsErrors(schema: object, options: unknown): ErrorObject[] | null {
  if (ajv === null) {
    const { Ajv } = createRequire(import.meta.url)("ajv") as AjvModule;
    // The same options as scripts/generate-validators.mjs (AJV_OPTIONS): the messages read alike.
    ajv = new Ajv({ allErrors: true, strict: true, strictTuples: false, verbose: true });
  }
  const check = ajv.compile(schema);
  return check(options) ? null : (check.errors ?? []);
}
