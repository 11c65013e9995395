import type { ErrorObject } from "ajv";

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
  if (unknownRule) return `unknown rule '${String(unknownRule.params.propertyName)}' in ${path(unknownRule) || "rules"} (see index-audit rules)`;
  const unknownKey = errors.find((e) => e.keyword === "additionalProperties");
  if (unknownKey) return `unknown key '${path(unknownKey, String(unknownKey.params.additionalProperty))}'`;
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
