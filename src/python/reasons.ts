import type { Binding } from "./scope.js";

/** Why a name bound in this file has no value known statically, in the words of how it is bound. */
export function unknownBindingReason(name: string, b: Binding): string {
  if (b.count > 1) return `${name} is assigned more than once`;
  switch (b.kind) {
    case "loop":
      return `${name} is a loop variable over values not known statically`;
    case "definition":
      return `${name} is a function or class, not a string`;
    case "import":
      return `${name} is imported as a module, not a constant`;
    default:
      return `${name} is not assigned a literal`;
  }
}
