import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { run } from "../src/index.js";
import { diskTree } from "../src/disk/tree.js";
import { detectSources, readSourceFiles } from "../src/project/sources.js";
import { fakeIo } from "./helpers/io.js";
import { migration } from "./helpers/django.js";
import { writeProject } from "./helpers/project.js";

function project(files: Record<string, string>): string {
  return writeProject("ia-django-detect-", files);
}

const ID = '("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False))';

/** manage.py naming the settings module. */
const managePy = (settings: string): string => `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "${settings}")\n`;

/** billing's Invoice, with a foreign key to the user model (by `to_field`, when given). */
const invoiceMigration = (toField?: string): string =>
  migration([
    "dependencies = [migrations.swappable_dependency(settings.AUTH_USER_MODEL)]",
    "operations = [",
    `    migrations.CreateModel(name="Invoice", fields=[${ID}, ("member", models.ForeignKey(on_delete=models.CASCADE, to=settings.AUTH_USER_MODEL${toField ? `, to_field="${toField}"` : ""}))]),`,
    "]",
  ]);

test("Django detection: apps deep in the tree, settings split into modules that star-import a base", async () => {
  const dir = project({
    "manage.py": managePy("config.settings.local"),
    "config/settings/__init__.py": "",
    "config/settings/base.py": 'AUTH_USER_MODEL = "users.Member"\n',
    "config/settings/local.py": "from .base import *  # noqa\n\nDEBUG = True\n",
    "src/project/apps/users/migrations/0001_initial.py": migration(["operations = [", `    migrations.CreateModel(name="Member", fields=[${ID}, ("code", models.CharField(max_length=8, primary_key=False, unique=True))]),`, "]"]),
    "src/project/apps/billing/migrations/0001_initial.py": invoiceMigration("code"),
  });
  try {
    const tree = diskTree(dir);
    const specs = detectSources(tree);
    assert.deepEqual(specs, [{ kind: "django", paths: ["src/project/apps/billing/migrations/*.py", "src/project/apps/users/migrations/*.py"], settings: "config/settings/local.py" }]);
    const input = readSourceFiles(tree, specs[0]!);
    assert.ok(input.kind === "django");
    assert.deepEqual(input.settings.map((f) => f.path), ["config/settings/local.py", "config/settings/base.py"]);
    const io = fakeIo(dir, {});
    assert.equal(await run(["list", "--format", "json"], io), 0);
    const names = (JSON.parse(io.out) as { indexes: { name: string }[] }).indexes.map((i) => i.name);
    // users.Member is the user model: the foreign key to its varchar `code` gets a _like index.
    assert.deepEqual(names, ["billing_invoice_member_id_273dc3fb", "billing_invoice_member_id_273dc3fb_like", "users_member_code_495371c0_like"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("Django: an AUTH_USER_MODEL the settings module assigns what is not known statically is said where it is assigned, over the base's literal; authUserModel in the configuration settles it", async () => {
  const dir = project({
    "manage.py": managePy("config.settings"),
    "config/__init__.py": "",
    "config/base.py": 'AUTH_USER_MODEL = "users.Member"\n',
    "config/settings.py": 'import os\nfrom .base import *  # noqa\n\nAUTH_USER_MODEL = os.environ.get("USER_MODEL", "users.Member")\n',
    "users/migrations/0001_initial.py": migration(["operations = [", `    migrations.CreateModel(name="Member", fields=[${ID}, ("code", models.CharField(max_length=8, unique=True))]),`, "]"]),
    "billing/migrations/0001_initial.py": invoiceMigration(),
  });
  try {
    const io = fakeIo(dir, {});
    assert.equal(await run(["list", "--format", "json"], io), 0);
    const out = JSON.parse(io.out) as { dynamic: { file: string; line: number; column: number; template: string; reason: string }[] };
    const user = out.dynamic.filter((d) => d.file === "config/settings.py");
    assert.deepEqual(
      user.map((d) => [d.line, d.column, d.template, d.reason]),
      [[4, 1, 'AUTH_USER_MODEL = os.environ.get("USER_MODEL", "users.Member")', "settings.AUTH_USER_MODEL is not known statically: the user model is read as auth.User, and keys to it as keys to that model; set authUserModel in the django source's configuration"]],
    );
    writeFileSync(join(dir, "index-audit.json"), JSON.stringify({ sources: [{ kind: "django", paths: ["*/migrations/*.py"], settings: "config/settings.py", authUserModel: "users.Member" }] }));
    const configured = fakeIo(dir, {});
    assert.equal(await run(["list", "--format", "json"], configured), 0);
    const settled = JSON.parse(configured.out) as { dynamic: unknown[]; indexes: { name: string }[] };
    assert.deepEqual(settled.dynamic, []);
    assert.deepEqual(settled.indexes.map((i) => i.name), ["billing_invoice_member_id_273dc3fb", "users_member_code_495371c0_like"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("Django: the settings module's assignments and its star imports taken in the order Python runs them", async () => {
  const files = (settings: string): Record<string, string> => ({
    "manage.py": managePy("config.settings"),
    "config/__init__.py": "",
    "config/base.py": 'AUTH_USER_MODEL = "users.Member"\n',
    "config/local.py": 'AUTH_USER_MODEL = "users.Guest"\n',
    "config/settings.py": settings,
    "users/migrations/0001_initial.py": migration(["operations = [", `    migrations.CreateModel(name="Member", fields=[("code", models.CharField(max_length=8, primary_key=True))]),`, `    migrations.CreateModel(name="Guest", fields=[${ID}]),`, "]"]),
    "billing/migrations/0001_initial.py": invoiceMigration(),
  });
  const listed = async (settings: string): Promise<{ likes: string[]; dynamic: string[] }> => {
    const dir = project(files(settings));
    try {
      const io = fakeIo(dir, {});
      assert.equal(await run(["list", "--format", "json"], io), 0);
      const out = JSON.parse(io.out) as { indexes: { name: string }[]; dynamic: { file: string; line: number; reason: string }[] };
      return { likes: out.indexes.map((i) => i.name).filter((n) => n.startsWith("billing") && n.endsWith("_like")), dynamic: out.dynamic.map((d) => `${d.file}:${d.line}`) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // Assigned before the import: base's users.Member, whose key is a CharField (a _like index on the key to it).
  assert.deepEqual(await listed('AUTH_USER_MODEL = "users.Guest"\nfrom .base import *  # noqa\n'), { likes: ["billing_invoice_member_id_273dc3fb_like"], dynamic: [] });
  // Assigned after: its own users.Guest, an integer key.
  assert.deepEqual(await listed('from .base import *  # noqa\nAUTH_USER_MODEL = "users.Guest"\n'), { likes: [], dynamic: [] });
  // Between two imports: the later import's, base's users.Member; local's comes before the assignment.
  assert.deepEqual(await listed('from .local import *  # noqa\nAUTH_USER_MODEL = "users.Guest"\nfrom .base import *  # noqa\n'), { likes: ["billing_invoice_member_id_273dc3fb_like"], dynamic: [] });
  assert.deepEqual(await listed('from .base import *  # noqa\nAUTH_USER_MODEL = "users.Member"\nfrom .local import *  # noqa\n'), { likes: [], dynamic: [] });
});

test("Django detection: manage.py in a directory just below the root (a monorepo's backend/)", () => {
  const dir = project({
    "backend/manage.py": managePy("site.settings"),
    "backend/site/settings.py": 'AUTH_USER_MODEL = "people.Person"\n',
    "backend/people/migrations/0001_initial.py": migration(["operations = []"]),
    "frontend/package.json": "{}\n",
  });
  try {
    assert.deepEqual(detectSources(diskTree(dir)), [{ kind: "django", paths: ["backend/people/migrations/*.py"], settings: "backend/site/settings.py" }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
