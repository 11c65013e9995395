// Lint: typescript-eslint's strict and stylistic type-checked sets are the baseline;
// each rule tuned below says why in one line.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  // Generated code (a `generated/` folder) is not written by hand, so it is not linted.
  { ignores: ["dist/", "node_modules/", "fixtures/", "**/generated/"] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // node:test's test()/describe() promises are awaited by the runner itself.
      "@typescript-eslint/no-floating-promises": [
        "error",
        { allowForKnownSafeCalls: [{ from: "package", package: "node:test", name: ["test", "describe", "it", "suite"] }] },
      ],
      // Messages and SQL interpolate counts, lines and columns; numbers print unambiguously.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // With noUncheckedIndexedAccess, `xs[i]!` is how a read known to be in bounds is written;
      // no-unnecessary-type-assertion (on) still flags every `!` the types do not need.
      "@typescript-eslint/no-non-null-assertion": "off",
      // `() => sideEffect()` callbacks and `return report(...)` early exits from void functions are our style.
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
      // `() => {}` is how a caller says it ignores notices.
      "@typescript-eslint/no-empty-function": ["error", { allow: ["arrowFunctions"] }],
      // Columns count code points on purpose (`[...text].length`), not graphemes.
      "@typescript-eslint/no-misused-spread": "off",
      // A leading underscore names a value that is deliberately unused.
      "@typescript-eslint/no-unused-vars": ["error", { varsIgnorePattern: "^_", argsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    // Plain JavaScript (this file, build scripts) is outside tsconfig, so it gets the untyped rules.
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      // Tests restore process.env and fake file maps by deleting keys.
      "@typescript-eslint/no-dynamic-delete": "off",
    },
  },
);
