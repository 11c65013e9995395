#!/usr/bin/env node
/**
 * Build step (run by `npm run build` and `prepare` after the compiler): the
 * installed CLI (package.json `bin`) as two CommonJS bundles of the compiled
 * JavaScript, since loading a hundred ES modules one by one is a good part of
 * a cold run (an ES-module bundle measured slower than these):
 *
 *   dist/src/bundle/index-audit.cjs  src/bin.ts and what it needs before the
 *     CLI loads (a warm `check --cache` hit, the pre-commit skip): small, so
 *     those runs stay near the cost of starting Node;
 *   dist/src/bundle/cli.cjs          src/cli.ts and everything it loads.
 *
 * Modules imported on demand stay on demand inside a bundle (esbuild wraps
 * each in a function run on first import). Packages are not bundled: they
 * keep their own files (tree-sitter's native code, libpg-query's
 * WebAssembly, yargs' locales). Each bundle sits two directories below the
 * package root, as every compiled module does, so `import.meta.url`-relative
 * paths (package.json, the rules' docs, node_modules) resolve the same.
 *
 *   node scripts/bundle.mjs [root]
 *
 * Plain JavaScript, like the other build step.
 */
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { resolve } from "node:path";

const root = resolve(process.argv[2] ?? ".");
const dist = resolve(root, "dist/src");

const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  packages: "external",
  logLevel: "warning",
  // CommonJS has no import.meta: each bundle's own URL stands in for it.
  define: { "import.meta.url": "__bundleUrl" },
  banner: { js: '"use strict";\nconst __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
};

/**
 * In the entry bundle, src/cli.js is the other bundle, loaded as CommonJS (an import() would scan its
 * exports first) with the code cache scripts/code-cache.mjs makes for it (src/code-cache.ts).
 */
const cliBundle = {
  name: "cli-bundle",
  setup(b) {
    b.onResolve({ filter: /^\.\/cli\.js$/ }, (args) => (resolve(args.resolveDir, args.path) === resolve(dist, "cli.js") ? { path: "cli", namespace: "cli-bundle" } : undefined));
    b.onLoad({ filter: /.*/, namespace: "cli-bundle" }, () => ({
      contents: 'module.exports = require("./code-cache.js").loadWithCodeCache(require("node:path").join(__dirname, "cli.cjs")).exports;',
      loader: "js",
      resolveDir: dist,
    }));
  },
};

/** src/esm/packages.cts stays a file of its own, required from the bundles: it holds the import() calls. */
const esmPackages = {
  name: "esm-packages",
  setup(b) {
    b.onResolve({ filter: /\/esm\/packages\.cjs$/ }, () => ({ path: "../esm/packages.cjs", external: true }));
  },
};

// V8 checks a code cache against the source's length only, not its content: a cache left from the
// previous bundle would be taken for a new one of the same length and run the old code. Only
// scripts/code-cache.mjs, run after this step, makes one for the bundle written here.
rmSync(resolve(dist, "bundle/cli.cjs.v8cache"), { force: true });
await build({ ...common, entryPoints: [resolve(dist, "cli.js")], outfile: resolve(dist, "bundle/cli.cjs"), plugins: [esmPackages] });
await build({ ...common, entryPoints: [resolve(dist, "bin.js")], outfile: resolve(dist, "bundle/index-audit.cjs"), plugins: [cliBundle, esmPackages] });
