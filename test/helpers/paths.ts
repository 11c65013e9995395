import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (tests run from dist/test/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const EXAMPLE = resolve(ROOT, "fixtures/example");
export const ALEMBIC_EXAMPLE = resolve(ROOT, "fixtures/alembic-example");
export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === "1";
