import type { ErrorObject } from "ajv";
import { didYouMean } from "./suggest.js";

/**
 * One line a user can act on, from ajv's list of errors: an unknown key or
 * rule first, then the deepest error (`oneOf` alternatives folded together).
 */
export function ajvMessage(errors: readonly ErrorObject[], root = ""): string {
  const path = (e: ErrorObject, extra?: string): string => {
    const parts = [root, ...e.instancePath.split("/").slice(1).map(unescapePointer), ...(extra === undefined ? [] : [extra])].filter((p) => p !== "");
    return parts.join(".");
  };
  const unknownRule = errors.find((e) => e.keyword === "propertyNames");
  if (unknownRule) {
    const name = String(unknownRule.params.propertyName);
    const known = errors.find((e) => e.keyword === "enum" && e.propertyName === name)?.params.allowedValues as unknown[] | undefined;
    return `unknown rule '${name}' in ${path(unknownRule) || "rules"}${didYouMean(name, (known ?? []).map(String))} (see index-audit rules)`;
  }
  const unknownKey = errors.find((e) => e.keyword === "additionalProperties");
  if (unknownKey) {
    const key = String(unknownKey.params.additionalProperty);
    // With ajv's `verbose`, the error carries the schema that lists the keys allowed there.
    const allowed = Object.keys((unknownKey.parentSchema as { properties?: object } | undefined)?.properties ?? {}).filter((k) => k !== "$schema");
    return `unknown key '${path(unknownKey, key)}'${didYouMean(key, allowed, (k) => path(unknownKey, k))}`;
  }
  const concrete = errors.filter((e) => e.keyword !== "oneOf" && e.keyword !== "anyOf" && e.keyword !== "if");
  if (concrete.length === 0) return `${path(errors[0]!) || "configuration"}: ${errors[0]!.message ?? "is invalid"}`;
  const deepest = concrete.reduce((a, b) => (b.instancePath.length > a.instancePath.length ? b : a));
  const where = path(deepest) || "configuration";
  if (deepest.keyword === "type") {
    const types = concrete.filter((e) => e.keyword === "type" && e.instancePath === deepest.instancePath).map((e) => String(e.params.type));
    return `${where} must be ${[...new Set(types)].join(" or ")}`;
  }
  if (deepest.keyword === "enum") return `${where} must be one of ${(deepest.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
  return `${where} ${deepest.message ?? "is invalid"}`;
}

function unescapePointer(s: string): string {
  return s.replace(/~1/g, "/").replace(/~0/g, "~");
}
