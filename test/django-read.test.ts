import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { eventSql } from "../src/sources/django/sql.js";
import { createSourceText, positionOf } from "../src/source/text.js";
import { LIMITS } from "../src/python/limits.js";
import { describeEvent, migration, readDjango } from "./helpers/django.js";

const ID = '("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False)),';

function events(files: Record<string, string>, options?: { authUserModel: string }): string[] {
  return readDjango(files, options).events.map(describeEvent);
}

describe("Django CreateModel", () => {
  it("creates the key, inline unique constraints, FK and db_index indexes and the _like indexes, with Django's names", () => {
    const files = {
      "shop/migrations/0001_initial.py": migration([
        "initial = True",
        "dependencies = []",
        "operations = [",
        "    migrations.CreateModel(",
        '        name="Order",',
        "        fields=[",
        `            ${ID}`,
        '            ("sku", models.CharField(max_length=32, unique=True)),',
        '            ("slug", models.SlugField()),',
        '            ("notes", models.TextField(db_index=True)),',
        '            ("code", models.CharField(max_length=8, db_index=False)),',
        '            ("customer", models.ForeignKey(on_delete=models.CASCADE, to=settings.AUTH_USER_MODEL)),',
        '            ("parent", models.ForeignKey(db_index=False, null=True, on_delete=models.CASCADE, to="shop.order")),',
        '            ("profile", models.OneToOneField(db_column="profile_ref", on_delete=models.CASCADE, to="shop.profile")),',
        "        ],",
        "    ),",
        "]",
      ]),
    };
    assert.deepEqual(events(files), [
      "create table shop_order",
      "primary key shop_order_pkey ON shop_order (id)",
      "unique shop_order_sku_key ON shop_order (sku)",
      "unique shop_order_profile_ref_key ON shop_order (profile_ref)",
      "index shop_order_sku_c82b3044_like ON shop_order (sku varchar_pattern_ops)",
      "index shop_order_slug_2bd54d6f ON shop_order (slug)",
      "index shop_order_slug_2bd54d6f_like ON shop_order (slug varchar_pattern_ops)",
      "index shop_order_notes_522f5477 ON shop_order (notes)",
      "index shop_order_notes_522f5477_like ON shop_order (notes text_pattern_ops)",
      "index shop_order_customer_id_f638df20 ON shop_order (customer_id)",
    ]);
  });

  it("reports each index at its field's call, and the Meta index at its own call", () => {
    const text = migration([
      "operations = [",
      "    migrations.CreateModel(",
      '        name="Tag",',
      `        fields=[${ID} ("name", models.CharField(max_length=50, db_index=True))],`,
      '        options={"indexes": [models.Index(fields=["-name"], name="tag_name_desc")]},',
      "    ),",
      "]",
    ]);
    const r = readDjango({ "tags/migrations/0001_initial.py": text });
    const at = (name: string): string => {
      const e = r.events.find((x) => x.kind === "create-index" && x.index.name === name)!;
      return text.slice(e.at.start, e.at.start + 18);
    };
    assert.equal(at("tags_tag_name_5a715cac"), "models.CharField(m");
    assert.equal(at("tag_name_desc"), 'models.Index(field');
    assert.deepEqual(
      r.events.filter((e) => e.kind === "create-index").map((e) => [e.index.name, e.at.operation, e.at.migration]),
      [
        ["tags_tag_name_5a715cac", "CreateModel", "tags.0001_initial"],
        ["tags_tag_name_5a715cac_like", "CreateModel", "tags.0001_initial"],
        ["tag_name_desc", "CreateModel", "tags.0001_initial"],
      ],
    );
  });
});

const PRODUCT = (extra: string[] = []): string =>
  migration([
    "initial = True",
    "operations = [",
    "    migrations.CreateModel(",
    '        name="Product",',
    "        fields=[",
    `            ${ID}`,
    '            ("name", models.CharField(max_length=100, unique=True)),',
    '            ("code", models.CharField(max_length=20, db_index=True)),',
    '            ("stock", models.IntegerField(default=0)),',
    '            ("warehouse", models.CharField(max_length=8)),',
    "        ],",
    ...extra,
    "    ),",
    "]",
  ]);

const after = (ops: string[], deps = '("cat", "0001_initial")'): string => migration([`dependencies = [${deps}]`, "operations = [", ...ops.map((o) => `    ${o}`), "]"]);

function later(ops: string[], extra: string[] = []): string[] {
  const all = readDjango({ "cat/migrations/0001_initial.py": PRODUCT(extra), "cat/migrations/0002_change.py": after(ops) }).events;
  return all.filter((e) => e.at.migration === "cat.0002_change").map(describeEvent);
}

describe("Django AlterField, as the PostgreSQL schema editor alters a field", () => {
  it("unique → db_index: the unique constraint goes, a plain index comes, the _like index stays", () => {
    assert.deepEqual(later(['migrations.AlterField(model_name="product", name="name", field=models.CharField(max_length=100, db_index=True)),']), [
      "drop constraint cat_product_name_key",
      "index cat_product_name_c5b81d05 ON cat_product (name)",
    ]);
  });
  it("db_index → nothing: the index and the _like index go (both are btree indexes on the column)", () => {
    assert.deepEqual(later(['migrations.AlterField(model_name="product", name="code", field=models.CharField(max_length=20)),']), [
      "drop index cat_product_code_bf1ebb84",
      "drop index cat_product_code_bf1ebb84_like",
    ]);
  });
  it("nothing → unique: a _uniq constraint and a _like index", () => {
    assert.deepEqual(later(['migrations.AlterField(model_name="product", name="warehouse", field=models.CharField(max_length=8, unique=True)),']), [
      "unique cat_product_warehouse_bba20327_uniq ON cat_product (warehouse)",
      "index cat_product_warehouse_bba20327_like ON cat_product (warehouse varchar_pattern_ops)",
    ]);
  });
  it("unique → nothing: the constraint and the _like index go", () => {
    assert.deepEqual(later(['migrations.AlterField(model_name="product", name="name", field=models.CharField(max_length=100)),']), [
      "drop constraint cat_product_name_key",
      "drop index cat_product_name_c5b81d05_like",
    ]);
  });
  it("a change that touches no index does nothing", () => {
    assert.deepEqual(later(['migrations.AlterField(model_name="product", name="code", field=models.CharField(max_length=40, db_index=True, help_text="SKU")),']), []);
  });
  it("CharField → IntegerField drops the _like index first", () => {
    assert.deepEqual(later(['migrations.AlterField(model_name="product", name="code", field=models.IntegerField(db_index=True)),']), ["drop index cat_product_code_bf1ebb84_like"]);
  });
});

describe("Django field and model operations on existing tables", () => {
  it("RemoveField drops every index and constraint on the column, with the column", () => {
    assert.deepEqual(later(['migrations.RemoveField(model_name="product", name="code"),'], ['        options={"unique_together": {("code", "warehouse")}},']), [
      "drop constraint cat_product_code_warehouse_0d65e6fe_uniq (with its column or table)",
      "drop index cat_product_code_bf1ebb84 (with its column or table)",
      "drop index cat_product_code_bf1ebb84_like (with its column or table)",
    ]);
  });
  it("RenameModel renames the table: indexes keep their names, new ones are named after the new table (AddField's indexes run when the migration ends)", () => {
    assert.deepEqual(
      later(['migrations.RenameModel(old_name="Product", new_name="Item"),', 'migrations.AddField(model_name="item", name="ean", field=models.CharField(max_length=13, db_index=True)),', 'migrations.RemoveIndex(model_name="item", name="cat_product_code_bf1ebb84"),']),
      ["rename table cat_product -> cat_item", "drop index cat_product_code_bf1ebb84", "index cat_item_ean_92b0e6c0 ON cat_item (ean)", "index cat_item_ean_92b0e6c0_like ON cat_item (ean varchar_pattern_ops)"],
    );
  });
  it("AlterModelTable and db_table name the table", () => {
    assert.deepEqual(later(['migrations.AlterModelTable(name="product", table="inventory_items"),', 'migrations.AddField(model_name="product", name="bin", field=models.IntegerField(db_index=True)),']), [
      "rename table cat_product -> inventory_items",
      "index inventory_items_bin_331a1ce3 ON inventory_items (bin)",
    ]);
  });
  it("RenameField renames the column: the next index uses it", () => {
    assert.deepEqual(later(['migrations.RenameField(model_name="product", old_name="stock", new_name="on_hand"),', 'migrations.AlterField(model_name="product", name="on_hand", field=models.IntegerField(db_index=True)),']), [
      "rename column cat_product.stock -> on_hand",
      "index cat_product_on_hand_04b9e25b ON cat_product (on_hand)",
    ]);
  });
  it("DeleteModel drops the table and its many-to-many table; what the migration deferred for them never runs", () => {
    const ev = later(['migrations.AddField(model_name="product", name="related", field=models.ManyToManyField(to="cat.product")),', 'migrations.DeleteModel(name="Product"),']);
    assert.deepEqual(ev, [
      "create table cat_product_related",
      "primary key cat_product_related_pkey ON cat_product_related (id)",
      "drop constraint cat_product_related_pkey (with its column or table)",
      "drop table cat_product_related",
      "drop constraint cat_product_pkey (with its column or table)",
      "drop constraint cat_product_name_key (with its column or table)",
      "drop index cat_product_name_c5b81d05_like (with its column or table)",
      "drop index cat_product_code_bf1ebb84 (with its column or table)",
      "drop index cat_product_code_bf1ebb84_like (with its column or table)",
      "drop table cat_product",
    ]);
  });

  it("a column renamed or a table renamed in the same migration renames what was deferred: generated names use the new ones", () => {
    assert.deepEqual(
      later([
        'migrations.AddField(model_name="product", name="ean", field=models.CharField(max_length=13, db_index=True)),',
        'migrations.RenameField(model_name="product", old_name="ean", new_name="gtin"),',
        'migrations.AlterModelTable(name="product", table="catalogue_items"),',
      ]),
      [
        "rename column cat_product.ean -> gtin",
        "rename table cat_product -> catalogue_items",
        "index catalogue_items_gtin_7b4ed647 ON catalogue_items (gtin)",
        "index catalogue_items_gtin_7b4ed647_like ON catalogue_items (gtin varchar_pattern_ops)",
      ],
    );
  });
});

describe("Django indexes, constraints and together options", () => {
  it("AddIndex without a name gets set_name_with_model's name; AddIndexConcurrently builds concurrently", () => {
    assert.deepEqual(
      later([
        'migrations.AddIndex(model_name="product", index=models.Index(fields=["stock", "-warehouse"])),',
        'migrations.AddIndexConcurrently(model_name="product", index=models.Index(fields=["warehouse"], name="product_wh", condition=models.Q(stock__gt=0))),',
        'migrations.RemoveIndexConcurrently(model_name="product", name="product_wh"),',
      ]),
      ["index cat_product_stock_6c0621_idx ON cat_product (stock, warehouse DESC)", 'index product_wh ON cat_product (warehouse) concurrently WHERE "stock" > 0', "drop index product_wh"],
    );
    const r = readDjango({ "cat/migrations/0001_initial.py": PRODUCT(), "cat/migrations/0002_change.py": after(['migrations.AddIndex(model_name="product", index=models.Index(fields=["stock"])),']) });
    const e = r.events.at(-1)!;
    assert.ok(e.kind === "create-index" && e.index.nameGenerated);
  });
  it("UniqueConstraint: plain ones are constraints, conditional/covering/expression ones unique indexes; ExclusionConstraint; RemoveConstraint", () => {
    assert.deepEqual(
      later([
        'migrations.AddConstraint(model_name="product", constraint=models.UniqueConstraint(fields=["code", "warehouse"], name="uniq_code_wh")),',
        'migrations.AddConstraint(model_name="product", constraint=models.UniqueConstraint(fields=["code"], condition=models.Q(("stock", 0)), name="uniq_code_empty")),',
        'migrations.AddConstraint(model_name="product", constraint=models.UniqueConstraint(Lower("name"), name="uniq_lower_name")),',
        'migrations.AddConstraint(model_name="product", constraint=models.UniqueConstraint(fields=["warehouse"], include=["stock"], name="uniq_wh_cover")),',
        'migrations.AddConstraint(model_name="product", constraint=ExclusionConstraint(name="excl_wh", expressions=[("warehouse", RangeOperators.EQUAL)])),',
        'migrations.RemoveConstraint(model_name="product", name="uniq_code_wh"),',
        'migrations.RemoveConstraint(model_name="product", name="uniq_code_empty"),',
      ]),
      [
        "unique uniq_code_wh ON cat_product (code, warehouse)",
        'unique index uniq_code_empty ON cat_product (code) WHERE "stock" = 0',
        'unique index uniq_lower_name ON cat_product (LOWER("name"))',
        "unique index uniq_wh_cover ON cat_product (warehouse)",
        "exclude excl_wh ON cat_product (warehouse)",
        "drop constraint uniq_code_wh",
        "drop index uniq_code_empty",
      ],
    );
  });
  it("AlterUniqueTogether and AlterIndexTogether add and drop what changed; RenameIndex by old_fields names the together index", () => {
    assert.deepEqual(
      later([
        'migrations.AlterIndexTogether(name="product", index_together={("stock", "warehouse")}),',
        'migrations.AlterUniqueTogether(name="product", unique_together={("code", "warehouse")}),',
        'migrations.AlterUniqueTogether(name="product", unique_together=[("code", "stock")]),',
        'migrations.RenameIndex(model_name="product", new_name="product_stock_wh_idx", old_fields=("stock", "warehouse")),',
        'migrations.AlterIndexTogether(name="product", index_together=set()),',
      ]),
      [
        "index cat_product_stock_warehouse_c62cddce_idx ON cat_product (stock, warehouse)",
        "unique cat_product_code_warehouse_0d65e6fe_uniq ON cat_product (code, warehouse)",
        "drop constraint cat_product_code_warehouse_0d65e6fe_uniq",
        "unique cat_product_code_stock_2d58f240_uniq ON cat_product (code, stock)",
        "rename cat_product_stock_warehouse_c62cddce_idx -> product_stock_wh_idx",
      ],
    );
  });
  it("a foreign key to a CharField primary key is varchar: it gets a _like index too", () => {
    const r = readDjango({
      "geo/migrations/0001_initial.py": migration([
        "operations = [",
        '    migrations.CreateModel(name="Country", fields=[("code", models.CharField(max_length=2, primary_key=True, serialize=False))]),',
        `    migrations.CreateModel(name="City", fields=[${ID} ("country", models.ForeignKey(on_delete=models.CASCADE, to="geo.country"))]),`,
        "]",
      ]),
    });
    assert.deepEqual(r.events.map(describeEvent), [
      "create table geo_country",
      "primary key geo_country_pkey ON geo_country (code)",
      "create table geo_city",
      "primary key geo_city_pkey ON geo_city (id)",
      "index geo_country_code_e1554dd4_like ON geo_country (code varchar_pattern_ops)",
      "index geo_city_country_id_33730b5c ON geo_city (country_id)",
      "index geo_city_country_id_33730b5c_like ON geo_city (country_id varchar_pattern_ops)",
    ]);
  });
});

describe("Django migration order, squashes and app labels", () => {
  const create = (model: string, deps: string, extra: string[] = []): string =>
    migration([`dependencies = [${deps}]`, ...extra, "operations = [", `    migrations.CreateModel(name="${model}", fields=[${ID}]),`, "]"]);

  it("follows dependencies across apps, swappable_dependency through AUTH_USER_MODEL, and run_before", () => {
    const r = readDjango(
      {
        "users/migrations/0001_initial.py": create("Member", ""),
        "billing/migrations/0001_initial.py": create("Invoice", "migrations.swappable_dependency(settings.AUTH_USER_MODEL)"),
        "billing/migrations/0002_more.py": create("Payment", '("billing", "0001_initial")'),
        "audit/migrations/0001_initial.py": create("Entry", "", ['run_before = [("billing", "0001_initial")]']),
      },
      { authUserModel: "users.Member" },
    );
    assert.deepEqual(
      r.plan.map((d) => `${d.app}.${d.name}`),
      ["audit.0001_initial", "users.0001_initial", "billing.0001_initial", "billing.0002_more"],
    );
  });

  it("a squashed migration replaces the ones it lists: their operations count once, dependencies on them follow it", () => {
    const r = readDjango({
      "shop/migrations/0001_initial.py": create("Cart", ""),
      "shop/migrations/0002_cart_item.py": create("CartItem", '("shop", "0001_initial")'),
      "shop/migrations/0001_squashed_0002_cart_item.py": migration([
        'replaces = [("shop", "0001_initial"), ("shop", "0002_cart_item")]',
        "operations = [",
        `    migrations.CreateModel(name="Cart", fields=[${ID}]),`,
        `    migrations.CreateModel(name="CartItem", fields=[${ID}]),`,
        "]",
      ]),
      "shop/migrations/0003_checkout.py": create("Checkout", '("shop", "0002_cart_item")'),
    });
    assert.deepEqual(r.plan.map((d) => d.name), ["0001_squashed_0002_cart_item", "0003_checkout"]);
    assert.deepEqual(r.events.filter((e) => e.kind === "create-table").map(describeEvent), ["create table shop_cart", "create table shop_cartitem", "create table shop_checkout"]);
  });

  it("takes the app label from apps.py, and ignores modules without a Migration class", () => {
    const r = readDjango({
      "src/orders/apps.py": 'from django.apps import AppConfig\n\n\nclass OrdersConfig(AppConfig):\n    name = "src.orders"\n    label = "sales"\n',
      "src/orders/migrations/0001_initial.py": create("Order", ""),
      "src/orders/migrations/helpers.py": "def noop(apps, schema_editor):\n    pass\n",
    });
    assert.deepEqual(r.plan.map((d) => `${d.app}.${d.name}`), ["sales.0001_initial"]);
    assert.deepEqual(r.events.map(describeEvent).slice(0, 1), ["create table sales_order"]);
  });

  it("a dependency cycle is reported and broken, a missing in-project dependency is reported", () => {
    const r = readDjango({
      "a/migrations/0001_initial.py": create("X", '("a", "0002_next")'),
      "a/migrations/0002_next.py": create("Y", '("a", "0001_initial"), ("a", "0009_gone")'),
    });
    assert.equal(r.plan.length, 2);
    assert.deepEqual(r.notes.map((n) => n.message).sort(), ["depends on a.0009_gone, which does not exist", "migration a.0001_initial depends on itself through a cycle; the cycle is broken here"]);
  });
});

describe("Django RunSQL, SeparateDatabaseAndState, RunPython", () => {
  it("reads RunSQL's sql as a string, a list, a tuple and (sql, params) pairs; reverse_sql and noop are not run", () => {
    assert.deepEqual(
      later([
        'migrations.RunSQL("CREATE INDEX a_idx ON cat_product (stock)", reverse_sql="DROP INDEX a_idx"),',
        'migrations.RunSQL(["CREATE INDEX b_idx ON cat_product (stock)", ("CREATE INDEX c_idx ON cat_product (code) WHERE stock > %s", [0])]),',
        'migrations.RunSQL(sql=("DROP INDEX a_idx",), reverse_sql=migrations.RunSQL.noop),',
        "migrations.RunSQL(migrations.RunSQL.noop, reverse_sql=\"DROP INDEX b_idx\"),",
      ]),
      ["sql CREATE INDEX a_idx ON cat_product (stock)", "sql CREATE INDEX b_idx ON cat_product (stock)", "sql CREATE INDEX c_idx ON cat_product (code) WHERE stock > %s", "sql DROP INDEX a_idx"],
    );
  });

  it("SeparateDatabaseAndState: database operations run, state operations only change the state", () => {
    assert.deepEqual(
      later([
        "migrations.SeparateDatabaseAndState(",
        '    database_operations=[migrations.RunSQL("CREATE INDEX wh_idx ON cat_product (warehouse)")],',
        '    state_operations=[migrations.AlterField(model_name="product", name="warehouse", field=models.CharField(max_length=8, db_index=True)), migrations.AddField(model_name="product", name="related", field=models.ManyToManyField(to="cat.product"))],',
        "),",
        'migrations.AlterField(model_name="product", name="stock", field=models.IntegerField(db_index=True)),',
      ]),
      ["sql CREATE INDEX wh_idx ON cat_product (warehouse)", "index cat_product_stock_ab041f42 ON cat_product (stock)"],
    );
  });

  it("RunPython is noted, not read; SQL that is not a literal is noted", () => {
    const r = readDjango({
      "cat/migrations/0001_initial.py": PRODUCT(),
      "cat/migrations/0002_change.py": after(["migrations.RunPython(forwards, migrations.RunPython.noop),", "migrations.RunSQL(build_sql()),"]),
    });
    assert.deepEqual(r.notes.map((n) => n.message), [
      "RunPython is not read (code run at migration time); any index it creates is not in the inventory",
      "RunSQL: SQL that cannot be read statically is left out",
    ]);
  });
});

describe("Django field classes", () => {
  it("citext fields get no _like index; third-party CharField and SlugField subclasses do, slugs indexed by default", () => {
    const r = readDjango({
      "crm/migrations/0001_initial.py": migration([
        "operations = [",
        "    migrations.CreateModel(",
        '        name="Lead",',
        "        fields=[",
        `            ${ID}`,
        '            ("email", django.contrib.postgres.fields.citext.CIEmailField(max_length=254, unique=True)),',
        '            ("phone", phonenumber_field.modelfields.PhoneNumberField(max_length=128, region=None, unique=True)),',
        '            ("slug", django_extensions.db.fields.AutoSlugField(blank=True, editable=False, populate_from="name")),',
        '            ("tags", django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=20), db_index=True, size=None)),',
        "        ],",
        "    ),",
        "]",
      ]),
    });
    assert.deepEqual(r.events.map(describeEvent).slice(2), [
      "unique crm_lead_email_key ON crm_lead (email)",
      "unique crm_lead_phone_key ON crm_lead (phone)",
      "index crm_lead_phone_3f600b80_like ON crm_lead (phone varchar_pattern_ops)",
      "index crm_lead_slug_bf75e4db ON crm_lead (slug)",
      "index crm_lead_slug_bf75e4db_like ON crm_lead (slug varchar_pattern_ops)",
      // An array of varchar is not varchar: no _like index.
      "index crm_lead_tags_b91f2f60 ON crm_lead (tags)",
    ]);
  });
});

describe("Django transactions", () => {
  it("atomic = False runs outside a transaction, except a RunSQL(atomic=True)", () => {
    const r = readDjango({
      "cat/migrations/0001_initial.py": PRODUCT(),
      "cat/migrations/0002_change.py": migration([
        "atomic = False",
        'dependencies = [("cat", "0001_initial")]',
        "operations = [",
        '    migrations.RunSQL("CREATE INDEX CONCURRENTLY a_idx ON cat_product (stock)"),',
        '    migrations.RunSQL("CREATE INDEX CONCURRENTLY b_idx ON cat_product (stock)", atomic=True),',
        "]",
      ]),
    });
    assert.deepEqual(r.events.filter((e) => e.kind === "sql").map((e) => [e.at.migration, e.at.atomic]), [["cat.0002_change", false], ["cat.0002_change", true]]);
    assert.ok(r.events.filter((e) => e.at.migration === "cat.0001_initial").every((e) => e.at.atomic));
  });
});

describe("Django migrations that cannot be read statically", () => {
  it("a name held in a variable is dynamic, never guessed; unknown operations and unreadable dependencies are noted", () => {
    const r = readDjango({
      "cat/migrations/0001_initial.py": PRODUCT(),
      "cat/migrations/0002_change.py": migration([
        "dependencies = compute_dependencies()",
        "operations = [",
        '    migrations.AddIndex(model_name="product", index=models.Index(fields=["stock"], name=INDEX_NAME)),',
        '    migrations.AddConstraint(model_name="product", constraint=models.UniqueConstraint(fields=["code"], name=f"uq_{suffix}")),',
        "    migrations.CreateModel(**spec),",
        '    MoveDataOperation("product"),',
        "]",
      ]),
    });
    assert.deepEqual(r.events.filter((e) => e.at.migration === "cat.0002_change").map(describeEvent), []);
    assert.deepEqual(
      r.notes.map((n) => [n.message, n.template ?? null]),
      [
        ["dependency list cannot be read statically; it is left out", null],
        ["AddIndex: the index's name or fields are not known statically", 'models.Index(fields=["stock"], name=INDEX_NAME)'],
        ["AddConstraint: the constraint's name or fields are not known statically", 'models.UniqueConstraint(fields=["code"], name=f"uq_{suffix}")'],
        ["CreateModel: the model name cannot be read statically; the operation is left out", null],
        ["MoveDataOperation: an operation index-audit does not know is left out", null],
      ],
    );
  });
});

describe("Django unmanaged models", () => {
  it("managed = False: Django creates, alters and drops nothing for the model, until AlterModelOptions makes it managed", () => {
    const r = readDjango({
      "legacy/migrations/0001_initial.py": migration([
        "operations = [",
        `    migrations.CreateModel(name="Ledger", fields=[${ID} ("ref", models.CharField(max_length=9, unique=True))], options={"managed": False, "db_table": "ledger"}),`,
        '    migrations.AddIndex(model_name="ledger", index=models.Index(fields=["ref"], name="ledger_ref_idx")),',
        '    migrations.RemoveIndex(model_name="ledger", name="ledger_ref_idx"),',
        '    migrations.AlterModelOptions(name="ledger", options={"managed": True}),',
        '    migrations.AddField(model_name="ledger", name="book", field=models.SlugField()),',
        "]",
      ]),
    });
    assert.deepEqual(r.events.map(describeEvent), ["index ledger_book_118d4b80 ON ledger (book)", "index ledger_book_118d4b80_like ON ledger (book varchar_pattern_ops)"]);
  });

  it("AlterModelOptions without managed makes the model managed again (Django's state_forwards drops the key); a proxy stays a proxy", () => {
    const r = readDjango({
      "legacy/migrations/0001_initial.py": migration([
        "operations = [",
        `    migrations.CreateModel(name="Ledger", fields=[${ID} ("ref", models.CharField(max_length=9))], options={"managed": False, "db_table": "ledger"}),`,
        `    migrations.CreateModel(name="Entry", fields=[${ID} ("ref", models.CharField(max_length=9))]),`,
        '    migrations.CreateModel(name="Posted", fields=[], options={"proxy": True, "indexes": []}, bases=("legacy.entry",)),',
        '    migrations.AlterModelOptions(name="ledger", options={"ordering": ["ref"]}),',
        '    migrations.AlterModelOptions(name="posted", options={"ordering": ["ref"]}),',
        '    migrations.AddIndex(model_name="ledger", index=models.Index(fields=["ref"], name="ledger_ref_idx")),',
        '    migrations.AddIndex(model_name="posted", index=models.Index(fields=["ref"], name="posted_ref_idx")),',
        `    migrations.CreateModel(name="Old", fields=[${ID} ("ref", models.CharField(max_length=9))], options={"managed": False}),`,
        '    migrations.AlterModelOptions(name="old", options={**BASE, "ordering": ["ref"]}),',
        '    migrations.AlterModelOptions(name="old", options={"managed": settings.MANAGE_OLD}),',
        '    migrations.AddIndex(model_name="old", index=models.Index(fields=["ref"], name="old_ref_idx")),',
        "]",
      ]),
    });
    assert.deepEqual(
      r.events.map(describeEvent).filter((d) => d.startsWith("index")),
      ["index ledger_ref_idx ON ledger (ref)"],
    );
    // A **splat, or a managed not known statically, may say either: said, and the model left as it was.
    assert.deepEqual(
      r.notes.map((n) => `${n.kind}: ${n.message}`),
      ["not-read: AlterModelOptions: the options cannot be read statically; a change of managed in them is not seen", "not-read: AlterModelOptions: the options cannot be read statically; a change of managed in them is not seen"],
    );
  });
});

describe("Django swappable models", () => {
  const swappable = (app: string, name: string, setting: string): string =>
    `    migrations.CreateModel(name="${name}", fields=[${ID} ("event", models.CharField(max_length=64, db_index=True))], options={"swappable": "${setting}"}),\n` +
    `    migrations.AddIndex(model_name="${name.toLowerCase()}", index=models.Index(fields=["event", "id"], name="${app}_${name.toLowerCase()}_ev_idx")),`;

  it("a model its swappable setting swaps out for another (auth.User by AUTH_USER_MODEL, rest_hooks' Hook by HOOK_CUSTOM_MODEL) gets nothing built; one whose setting names itself, is empty (or None) or is not set is built", () => {
    const files = {
      "auth/migrations/0001_initial.py": migration(["operations = [", swappable("auth", "User", "AUTH_USER_MODEL"), "]"]),
      "rest_hooks/migrations/0001_initial.py": migration(["operations = [", swappable("rest_hooks", "Hook", "HOOK_CUSTOM_MODEL"), swappable("rest_hooks", "Tag", "TAG_MODEL"), swappable("rest_hooks", "Mark", "MARK_MODEL"), "]"]),
    };
    const r = readDjango(files, { authUserModel: "accounts.User", settings: new Map([["HOOK_CUSTOM_MODEL", "shop.Hook"], ["MARK_MODEL", "rest_hooks.MARK"], ["TAG_MODEL", ""]]) });
    assert.deepEqual(r.events.map(describeEvent), [
      "create table rest_hooks_tag",
      "primary key rest_hooks_tag_pkey ON rest_hooks_tag (id)",
      "index rest_hooks_tag_ev_idx ON rest_hooks_tag (event, id)",
      "create table rest_hooks_mark",
      "primary key rest_hooks_mark_pkey ON rest_hooks_mark (id)",
      "index rest_hooks_mark_ev_idx ON rest_hooks_mark (event, id)",
      "index rest_hooks_tag_event_4c626ddb ON rest_hooks_tag (event)",
      "index rest_hooks_tag_event_4c626ddb_like ON rest_hooks_tag (event varchar_pattern_ops)",
      "index rest_hooks_mark_event_b6e869d8 ON rest_hooks_mark (event)",
      "index rest_hooks_mark_event_b6e869d8_like ON rest_hooks_mark (event varchar_pattern_ops)",
    ]);
    assert.deepEqual(r.notes, []);
    // With Django's default user model, auth.User is built.
    assert.equal(readDjango(files).events.filter((e) => describeEvent(e).includes("auth_user")).length, 5);
  });

  it("a setting the settings module assigns what is not known statically is said, and the model read as built", () => {
    const r = readDjango({ "rest_hooks/migrations/0001_initial.py": migration(["operations = [", swappable("rest_hooks", "Hook", "HOOK_CUSTOM_MODEL"), "]"]) }, { authUserModel: "auth.User", settings: new Map([["HOOK_CUSTOM_MODEL", null]]) });
    assert.equal(r.events.length, 5);
    assert.deepEqual(
      r.notes.map((n) => `${n.kind}: ${n.message}`),
      ["dynamic: CreateModel: settings.HOOK_CUSTOM_MODEL is not known statically: model Hook is read as not swapped out, so the tables Django skips when it is are listed"],
    );
  });
});

describe("Django foreign keys to models no migration read makes", () => {
  it("Django's own models' keys are known (Session's is a CharField, the others integers, auth.User's username and sites.Site's domain CharFields by to_field); another app's model not read (also at the end of a parent link), or one not known statically (social_django's getattr(settings, ...) or ...), is said, for its foreign key and a many-to-many's", () => {
    const r = readDjango({
      "notes/migrations/0001_initial.py": migration([
        "operations = [",
        '    migrations.CreateModel(name="Article", fields=[("page_ptr", models.OneToOneField(on_delete=models.CASCADE, parent_link=True, primary_key=True, serialize=False, to="cms.page"))]),',
        "    migrations.CreateModel(",
        '        name="Note",',
        "        fields=[",
        `            ${ID}`,
        '            ("session", models.ForeignKey(on_delete=models.CASCADE, to="sessions.session")),',
        '            ("owner", models.ForeignKey(on_delete=models.CASCADE, to=settings.AUTH_USER_MODEL)),',
        '            ("kind", models.ForeignKey(on_delete=models.CASCADE, to="contenttypes.contenttype")),',
        '            ("site", models.ForeignKey(on_delete=models.CASCADE, to="sites.Site", to_field="id")),',
        '            ("site_domain", models.ForeignKey(on_delete=models.CASCADE, to="sites.Site", to_field="domain")),',
        '            ("login", models.ForeignKey(on_delete=models.CASCADE, to="auth.User", to_field="username")),',
        '            ("perm", models.ForeignKey(on_delete=models.CASCADE, to="auth.Permission", to_field="codename")),',
        '            ("task", models.ForeignKey(on_delete=models.CASCADE, to="django_q.task")),',
        '            ("tags", models.ManyToManyField(to="taggit.tag")),',
        '            ("by", models.ForeignKey(on_delete=models.CASCADE, to=getattr(settings, "SOCIAL_AUTH_USER_MODEL", None) or "auth.User")),',
        '            ("article", models.ForeignKey(on_delete=models.CASCADE, to="notes.article")),',
        "        ],",
        "    ),",
        "]",
      ]),
    });
    assert.deepEqual(
      r.events.filter((e) => e.kind === "create-index" && e.index.name.endsWith("_like")).map(describeEvent),
      ["index notes_note_session_id_f0fb4450_like ON notes_note (session_id varchar_pattern_ops)", "index notes_note_site_domain_id_cbddf015_like ON notes_note (site_domain_id varchar_pattern_ops)", "index notes_note_login_id_fdaa71f5_like ON notes_note (login_id varchar_pattern_ops)"],
    );
    assert.deepEqual(
      r.notes.map((n) => `${n.kind}: ${n.message}`),
      [
        "dynamic: CreateModel: cms.page is made by no migration read before it: whether its key is varchar or text, which also gets a _like index on the foreign key, is not known",
        // auth.Permission's codename is not unique on its own: no key points at it in a project Django checks.
        "dynamic: CreateModel: auth.permission is made by no migration read before it: whether its key is varchar or text, which also gets a _like index on the foreign key, is not known",
        "dynamic: CreateModel: django_q.task is made by no migration read before it: whether its key is varchar or text, which also gets a _like index on the foreign key, is not known",
        "dynamic: CreateModel: the model the key points to is not known statically: whether its key is varchar or text, which also gets a _like index on the foreign key, is not known",
        // The key to Article ends at Article's parent link: the model not read is cms.page.
        "dynamic: CreateModel: cms.page is made by no migration read before it: whether its key is varchar or text, which also gets a _like index on the foreign key, is not known",
        "dynamic: CreateModel: taggit.tag is made by no migration read before it: whether its key is varchar or text, which also gets a _like index on the foreign key, is not known",
      ],
    );
  });

  it("a many-to-many table's keys: from a model whose key ends at a model not read, that model is named; to a model not known statically, its column, indexes and unique pair are said, not named", () => {
    const r = readDjango({
      "notes/migrations/0001_initial.py": migration([
        "operations = [",
        '    migrations.CreateModel(name="Tag", fields=[("id", models.AutoField(primary_key=True))]),',
        '    migrations.CreateModel(name="Article", fields=[("page_ptr", models.OneToOneField(on_delete=models.CASCADE, parent_link=True, primary_key=True, serialize=False, to="cms.page")), ("tags", models.ManyToManyField(to="notes.tag"))]),',
        '    migrations.CreateModel(name="Note", fields=[("id", models.AutoField(primary_key=True)), ("groups", models.ManyToManyField(to=getattr(settings, "GROUP_MODEL", None) or "auth.Group"))]),',
        "]",
      ]),
    });
    assert.deepEqual(
      r.events.map(describeEvent).filter((d) => d.includes("notes_note_groups") || d.includes("notes_article_tags")),
      [
        "create table notes_article_tags",
        "primary key notes_article_tags_pkey ON notes_article_tags (id)",
        "create table notes_note_groups",
        "primary key notes_note_groups_pkey ON notes_note_groups (id)",
        "unique notes_article_tags_article_id_tag_id_edcff2d1_uniq ON notes_article_tags (article_id, tag_id)",
        "index notes_article_tags_article_id_6b8685d9 ON notes_article_tags (article_id)",
        "index notes_article_tags_tag_id_94d60b77 ON notes_article_tags (tag_id)",
        // The column to the model not known is not named: only note_id's index is.
        "index notes_note_groups_note_id_8e3edb5c ON notes_note_groups (note_id)",
      ],
    );
    assert.deepEqual(
      r.notes.map((n) => `${n.kind}: ${n.message}`),
      [
        "dynamic: CreateModel: cms.page is made by no migration read before it: whether its key is varchar or text, which also gets a _like index on the foreign key, is not known",
        "dynamic: CreateModel: cms.page is made by no migration read before it: whether its key is varchar or text, which also gets a _like index on the foreign key, is not known",
        "dynamic: CreateModel: the model the many-to-many field points to is not known statically: the column of notes_note_groups that points to it, named after it, its indexes and the unique pair over it are not known",
      ],
    );
  });
});

describe("Django 5.2 composite primary keys", () => {
  it("CompositePrimaryKey makes the table's primary key over its fields' columns; it has no column of its own", () => {
    const r = readDjango({
      "shop/migrations/0001_initial.py": migration([
        "operations = [",
        "    migrations.CreateModel(",
        '        name="OrderLine",',
        "        fields=[",
        '            ("pk", models.CompositePrimaryKey("order", "line_no", blank=True, editable=False, primary_key=True, serialize=False)),',
        '            ("order", models.ForeignKey(on_delete=models.CASCADE, to="shop.order")),',
        '            ("line_no", models.PositiveIntegerField()),',
        "        ],",
        "    ),",
        "]",
      ]),
    });
    assert.deepEqual(r.events.map(describeEvent), [
      "create table shop_orderline",
      "primary key shop_orderline_pkey ON shop_orderline (order_id, line_no)",
      "index shop_orderline_order_id_8ad562c5 ON shop_orderline (order_id)",
    ]);
  });
});

describe("Django collations", () => {
  it("no _like index under a collation CreateCollation made non-deterministic, nor on a key to such a column; a deterministic one keeps it", () => {
    const r = readDjango({
      "crm/migrations/0001_initial.py": migration([
        "operations = [",
        '    CreateCollation("case_insensitive", provider="icu", locale="und-u-ks-level2", deterministic=False),',
        "    migrations.CreateModel(",
        '        name="Tag",',
        "        fields=[",
        '            ("name", models.CharField(db_collation="case_insensitive", max_length=40, primary_key=True, serialize=False)),',
        '            ("code", models.CharField(db_collation="C", max_length=8, unique=True)),',
        "        ],",
        "    ),",
        `    migrations.CreateModel(name="Label", fields=[${ID} ("tag", models.ForeignKey(on_delete=models.CASCADE, to="crm.tag"))]),`,
        "]",
      ]),
    });
    assert.deepEqual(r.events.filter((e) => e.kind === "create-index").map(describeEvent), [
      "index crm_tag_code_d589419e_like ON crm_tag (code varchar_pattern_ops)",
      "index crm_label_tag_id_65cf7ee1 ON crm_label (tag_id)",
    ]);
  });
});

describe("Django events as SQL", () => {
  it("each event is spelled as Django's schema editor spells it", () => {
    const r = readDjango({
      "cat/migrations/0001_initial.py": PRODUCT(),
      "cat/migrations/0002_change.py": after([
        'migrations.AddConstraint(model_name="product", constraint=ExclusionConstraint(name="excl_wh", index_type="GIST", expressions=[("warehouse", RangeOperators.EQUAL), ("stock", RangeOperators.OVERLAPS)])),',
        'migrations.AddIndexConcurrently(model_name="product", index=BrinIndex(fields=["stock"], name="product_stock_brin", include=["code"])),',
        'migrations.RemoveIndexConcurrently(model_name="product", name="product_stock_brin"),',
        'migrations.RenameIndex(model_name="product", new_name="product_code_idx", old_name="cat_product_code_bf1ebb84"),',
      ]),
    });
    assert.deepEqual(
      r.events.filter((e) => e.at.migration === "cat.0002_change").map(eventSql),
      [
        'ALTER TABLE "cat_product" ADD CONSTRAINT "excl_wh" EXCLUDE USING gist ("warehouse" WITH =, "stock" WITH &&)',
        'CREATE INDEX CONCURRENTLY "product_stock_brin" ON "cat_product" USING brin ("stock") INCLUDE ("code")',
        'DROP INDEX CONCURRENTLY IF EXISTS "product_stock_brin"',
        'ALTER INDEX "cat_product_code_bf1ebb84" RENAME TO "product_code_idx"',
      ],
    );
  });
});

describe("Django classes index-audit does not know", () => {
  it("an unknown index or constraint class is noted, never dropped silently; a CheckConstraint makes no index", () => {
    const r = readDjango({
      "cat/migrations/0001_initial.py": PRODUCT(['        options={"indexes": [psqlextra.indexes.UniqueIndex(fields=["stock"], name="u_stock")], "constraints": [models.CheckConstraint(check=models.Q(stock__gte=0), name="stock_positive"), ConditionalUniqueIndexConstraint(name="x")]},']),
    });
    assert.deepEqual(r.notes.map((n) => n.message), [
      "an index class index-audit does not know is left out",
      "ConditionalUniqueIndexConstraint: a constraint class index-audit does not know is left out",
    ]);
  });
});

describe("Django field names that are not literals", () => {
  it("an index, constraint or together set whose field names are not literals is dynamic or noted, never mis-named", () => {
    const r = readDjango({
      "cat/migrations/0001_initial.py": PRODUCT([`        options={"unique_together": {("code", OTHER)}},`]),
      "cat/migrations/0002_change.py": after([
        'migrations.AddIndex(model_name="product", index=models.Index(fields=[FIELD], name="product_dyn_idx")),',
        'migrations.AddConstraint(model_name="product", constraint=models.UniqueConstraint(fields=["code", FIELD], name="product_dyn_uq")),',
        "migrations.AlterIndexTogether(name=\"product\", index_together={(\"code\", FIELD)}),",
      ]),
    });
    assert.deepEqual(r.events.filter((e) => e.kind === "create-index" || e.kind === "constraint").map(describeEvent).filter((d) => /dyn|_uniq|_idx/.test(d)), []);
    assert.deepEqual(r.notes.map((n) => `${n.kind}: ${n.message}`), [
      "not-read: a together option that cannot be read statically is left out",
      "dynamic: AddIndex: the index's name or fields are not known statically",
      "dynamic: AddConstraint: the constraint's name or fields are not known statically",
      "not-read: AlterIndexTogether: the field names cannot be read statically; the operation is left out",
    ]);
  });
});

describe("Django operations whose names are not known", () => {
  it("a field or model name that cannot be read is a not-read note, never a silent skip", () => {
    const r = readDjango({
      "cat/migrations/0001_initial.py": PRODUCT(),
      "cat/migrations/0002_change.py": after([
        "migrations.RemoveField(model_name=\"product\", name=FIELD),",
        "migrations.RenameField(model_name=\"product\", old_name=\"code\", new_name=NEW),",
        "migrations.RenameModel(old_name=\"product\", new_name=NEW),",
      ]),
    });
    assert.deepEqual(r.notes.filter((n) => n.path === "cat/migrations/0002_change.py").map((n) => `${n.kind}: ${n.message}`), [
      "not-read: RemoveField: the field name cannot be read statically; the operation is left out",
      "not-read: RenameField: the field names cannot be read statically; the operation is left out",
      "not-read: RenameModel: the new model name cannot be read statically; the operation is left out",
    ]);
  });
});

describe("Django evaluation budgets", () => {
  it("a budget that runs out while reading an operation is a limit note at that expression, and the index is not guessed", () => {
    const r = readDjango({
      "cat/migrations/0001_initial.py": PRODUCT(),
      "cat/migrations/0002_change.py": after(['migrations.AddIndex(model_name="product", index=models.Index(fields=[f"c{i}" for i in range(5000)], name="product_many_idx")),']),
    });
    assert.deepEqual(r.events.filter((e) => e.at.path === "cat/migrations/0002_change.py").map(describeEvent), []);
    assert.deepEqual(r.notes.filter((n) => n.kind === "dynamic").map((n) => n.message), ["AddIndex: the index's name or fields are not known statically"]);
    const limits = r.notes.filter((n) => n.kind === "limit");
    assert.deepEqual(
      limits.map((n) => [n.path, n.message]),
      [["cat/migrations/0002_change.py", "limit range (1000 iterations of range()) reached while evaluating this expression; it is not known statically"]],
    );
  });
});

describe("Django module-level names", () => {
  /** A migration whose operations list is reached through `names` module-level names (`OPS1 = OPS2`, …, `OPSn = [...]`). */
  const aliased = (names: number): string => {
    const lines = ["from django.db import migrations", ""];
    for (let i = 1; i < names; i++) lines.push(`OPS${i} = OPS${i + 1}`);
    lines.push(`OPS${names} = [migrations.RunSQL("CREATE INDEX product_stock_idx ON cat_product (stock)")]`, "", "");
    lines.push("class Migration(migrations.Migration):", '    dependencies = [("cat", "0001_initial")]', "    operations = OPS1", "");
    return lines.join("\n");
  };
  const where = (text: string, index: number): string => {
    const p = positionOf(createSourceText("m.py", text), index);
    return `${p.line}:${p.column}`;
  };

  it(`a chain of ${LIMITS.aliasDepth} names is followed to its list`, () => {
    const r = readDjango({ "cat/migrations/0001_initial.py": PRODUCT(), "cat/migrations/0002_change.py": aliased(LIMITS.aliasDepth) });
    assert.deepEqual(r.events.filter((e) => e.at.migration === "cat.0002_change").map(describeEvent), ["sql CREATE INDEX product_stock_idx ON cat_product (stock)"]);
    assert.deepEqual(r.notes, []);
  });

  it("one name more is a limit note naming aliasDepth at the name not followed, and the list it would lead to is a not-read note", () => {
    const text = aliased(LIMITS.aliasDepth + 1);
    const r = readDjango({ "cat/migrations/0001_initial.py": PRODUCT(), "cat/migrations/0002_change.py": text });
    assert.deepEqual(r.events.filter((e) => e.at.migration === "cat.0002_change").map(describeEvent), []);
    assert.deepEqual(
      r.notes.map((n) => `${n.path} ${where(text, n.index)} ${n.kind}: ${n.message}`),
      [
        "cat/migrations/0002_change.py 16:18 not-read: operations list cannot be read statically; it is left out",
        "cat/migrations/0002_change.py 10:8 limit: limit aliasDepth (8 module-level names followed from one name) reached: OPS9 is not read",
      ],
    );
  });
});

describe("Django chains without a cap", () => {
  it("a squash of a squash of … (twenty levels) is followed to the last squash: dependencies on the first migration land there", () => {
    const files: Record<string, string> = { "shop/migrations/0001_initial.py": migration(["operations = [", `    migrations.CreateModel(name="Cart", fields=[${ID}]),`, "]"]) };
    let replaced = "0001_initial";
    for (let i = 1; i <= 20; i++) {
      const name = `0001_squashed_${String(i).padStart(2, "0")}`;
      files[`shop/migrations/${name}.py`] = migration([`replaces = [("shop", "${replaced}")]`, "operations = [", `    migrations.CreateModel(name="Cart", fields=[${ID}]),`, "]"]);
      replaced = name;
    }
    files["shop/migrations/0002_order.py"] = migration(['dependencies = [("shop", "0001_initial")]', "operations = [", `    migrations.CreateModel(name="Order", fields=[${ID}]),`, "]"]);
    const r = readDjango(files);
    assert.deepEqual(r.plan.map((d) => d.name), ["0001_squashed_20", "0002_order"]);
    assert.deepEqual(r.notes, []);
  });

  it("squashes that replace each other stop where the cycle closes, and each left out is a graph note", () => {
    const r = readDjango({
      "shop/migrations/0001_a.py": migration(['replaces = [("shop", "0001_b")]', "operations = [", `    migrations.CreateModel(name="Cart", fields=[${ID}]),`, "]"]),
      "shop/migrations/0001_b.py": migration(['replaces = [("shop", "0001_a")]', "operations = [", `    migrations.CreateModel(name="Cart", fields=[${ID}]),`, "]"]),
      "shop/migrations/0002_order.py": migration(['dependencies = [("shop", "0001_a")]', "operations = [", `    migrations.CreateModel(name="Order", fields=[${ID}]),`, "]"]),
    });
    assert.deepEqual(r.plan.map((d) => d.name), ["0002_order"]);
    assert.deepEqual(
      r.notes.map((n) => `${n.path} ${n.kind}: ${n.message}`),
      [
        "shop/migrations/0001_b.py graph: migration shop.0001_b is replaced only within a cycle of `replaces`; it is left out",
        "shop/migrations/0001_a.py graph: migration shop.0001_a is replaced only within a cycle of `replaces`; it is left out",
        "shop/migrations/0002_order.py graph: depends on shop.0001_a, which does not exist",
      ],
    );
  });

  it("primary keys that are foreign keys to each other end the walk for a type: the key to them gets no _like index", () => {
    const pk = (to: string): string => `models.OneToOneField(on_delete=models.CASCADE, primary_key=True, serialize=False, to="cyc.${to}")`;
    const r = readDjango({
      "cyc/migrations/0001_initial.py": migration([
        "initial = True",
        "operations = [",
        `    migrations.CreateModel(name="A", fields=[("b", ${pk("b")})]),`,
        `    migrations.CreateModel(name="B", fields=[("a", ${pk("a")})]),`,
        `    migrations.CreateModel(name="Ref", fields=[${ID} ("a", models.ForeignKey(on_delete=models.CASCADE, to="cyc.a"))]),`,
        "]",
      ]),
    });
    assert.deepEqual(r.events.filter((e) => e.kind === "create-index" && e.index.table === "cyc_ref").map(describeEvent), ["index cyc_ref_a_id_28d28652 ON cyc_ref (a_id)"]);
    // A's key names B before any migration made B: its type is not known there, and said.
    assert.deepEqual(
      r.notes.map((n) => n.message),
      ["CreateModel: cyc.b is made by no migration read before it: whether its key is varchar or text, which also gets a _like index on the foreign key, is not known"],
    );
  });

  it("a foreign key to the end of ten parent links takes the type of the CharField at its end, and so its _like index (as Django emits it)", () => {
    const models = [`    migrations.CreateModel(name="M0", fields=[("code", models.CharField(max_length=20, primary_key=True, serialize=False))]),`];
    for (let i = 1; i <= 10; i++) models.push(`    migrations.CreateModel(name="M${i}", fields=[("m${i - 1}_ptr", models.OneToOneField(on_delete=models.CASCADE, parent_link=True, primary_key=True, serialize=False, to="inh.m${i - 1}"))]),`);
    models.push(`    migrations.CreateModel(name="Ref", fields=[${ID} ("m10", models.ForeignKey(on_delete=models.CASCADE, to="inh.m10"))]),`);
    const r = readDjango({ "inh/migrations/0001_initial.py": migration(["initial = True", "operations = [", ...models, "]"]) });
    assert.deepEqual(r.events.filter((e) => e.kind === "create-index" && e.index.table === "inh_ref").map(describeEvent), [
      "index inh_ref_m10_id_a473241e ON inh_ref (m10_id)",
      "index inh_ref_m10_id_a473241e_like ON inh_ref (m10_id varchar_pattern_ops)",
    ]);
  });
});

describe("Django field subclasses", () => {
  it("subclasses of CharField, ImageField and TextField keep their base's column type, and so its _like index (as Django emits it)", () => {
    const r = readDjango({
      "crm/migrations/0001_initial.py": migration([
        "operations = [",
        "    migrations.CreateModel(",
        '        name="Note",',
        "        fields=[",
        `            ${ID}`,
        '            ("ref", django_extensions.db.fields.ShortUUIDField(blank=True, editable=False, unique=True)),',
        '            ("body", ckeditor.fields.RichTextField(db_index=True)),',
        '            ("photo", easy_thumbnails.fields.ThumbnailerImageField(db_index=True, upload_to="notes")),',
        "        ],",
        "    ),",
        "]",
      ]),
    });
    assert.deepEqual(r.events.filter((e) => e.kind === "create-index").map(describeEvent), [
      "index crm_note_ref_0fdc1747_like ON crm_note (ref varchar_pattern_ops)",
      "index crm_note_body_0de8ed98 ON crm_note (body)",
      "index crm_note_body_0de8ed98_like ON crm_note (body text_pattern_ops)",
      "index crm_note_photo_0a7f0678 ON crm_note (photo)",
      "index crm_note_photo_0a7f0678_like ON crm_note (photo varchar_pattern_ops)",
    ]);
  });
});

describe("Django lists that cannot be read statically", () => {
  it("an indexes option, fields list or operations list that is not a literal list is a not-read note, never dropped silently; of lists joined with +, the parts known are read", () => {
    const r = readDjango({
      "cat/migrations/0001_initial.py": PRODUCT(['        options={"indexes": COMMON + [models.Index(fields=["stock"], name="product_stock_idx")], "constraints": CONSTRAINTS},']),
      "cat/migrations/0002_change.py": after([
        'migrations.SeparateDatabaseAndState(database_operations=[migrations.RunSQL("CREATE INDEX product_wh_idx ON cat_product (warehouse)")] + [], state_operations=STATE),',
        'migrations.RunSQL("SELECT 1", state_operations=list(STATE_OPS)),',
        "migrations.AlterModelOptions(name=\"product\", options=OPTIONS),",
        'migrations.AddConstraint(model_name="product", constraint=ExclusionConstraint(name="excl_wh", expressions=EXPRS)),',
      ]),
    });
    assert.deepEqual(r.events.filter((e) => e.kind === "create-index" || e.kind === "constraint" || e.kind === "sql").map(describeEvent).filter((d) => /stock_idx|wh_idx|excl/.test(d)), [
      "index product_stock_idx ON cat_product (stock)",
      "sql CREATE INDEX product_wh_idx ON cat_product (warehouse)",
    ]);
    assert.deepEqual(
      r.notes.map((n) => [n.path, `${n.kind}: ${n.message}`]),
      [
        ["cat/migrations/0001_initial.py", "not-read: CreateModel: this part of the indexes option cannot be read statically; what it holds is left out"],
        ["cat/migrations/0001_initial.py", "not-read: CreateModel: the constraints option cannot be read statically; everything in it is left out"],
        ["cat/migrations/0002_change.py", "not-read: SeparateDatabaseAndState: state_operations cannot be read statically; everything in it is left out"],
        ["cat/migrations/0002_change.py", "not-read: RunSQL: state_operations cannot be read statically; everything in it is left out"],
        ["cat/migrations/0002_change.py", "not-read: AlterModelOptions: the options cannot be read statically; a change of managed in them is not seen"],
        ["cat/migrations/0002_change.py", "dynamic: AddConstraint: the constraint's name or fields are not known statically"],
      ],
    );
  });

  it("a CreateModel whose fields or options are not literals is noted; Django's None for state_operations is no list at all", () => {
    const r = readDjango({
      "cat/migrations/0001_initial.py": migration([
        "initial = True",
        "operations = [",
        '    migrations.CreateModel(name="Product", fields=BASE_FIELDS + [("code", models.CharField(max_length=20, db_index=True))], options=dict(BASE_OPTIONS)),',
        '    migrations.RunSQL("CREATE INDEX product_x_idx ON cat_product (id)", state_operations=None),',
        "]",
      ]),
    });
    assert.deepEqual(r.events.map(describeEvent), ["create table cat_product", "sql CREATE INDEX product_x_idx ON cat_product (id)", "index cat_product_code_bf1ebb84 ON cat_product (code)", "index cat_product_code_bf1ebb84_like ON cat_product (code varchar_pattern_ops)"]);
    assert.deepEqual(r.notes.map((n) => `${n.kind}: ${n.message}`), [
      "not-read: CreateModel: this part of the fields list cannot be read statically; what it holds is left out",
      "not-read: CreateModel: the options cannot be read statically; they are left out",
    ]);
  });
});

describe("Django: what a field's arguments leave unknown is said, never read as False", () => {
  it("unique=, db_index=, primary_key= given a settings value are dynamic where written; the field's other indexes are still read", () => {
    const r = readDjango({
      "acct/migrations/0001_initial.py": migration([
        "initial = True",
        "operations = [",
        "    migrations.CreateModel(",
        '        name="Email",',
        "        fields=[",
        `            ${ID}`,
        '            ("email", models.EmailField(max_length=75, unique=getattr(settings, "UNIQUE_EMAIL", True))),',
        '            ("code", models.CharField(max_length=8, db_index=True)),',
        "        ],",
        "    ),",
        '    migrations.AddField(model_name="email", name="ref", field=models.IntegerField(db_index=settings.INDEX_REFS, null=True)),',
        "]",
      ]),
    });
    assert.deepEqual(r.events.filter((e) => e.kind === "create-index").map(describeEvent), ["index acct_email_code_25b6c16d ON acct_email (code)", "index acct_email_code_25b6c16d_like ON acct_email (code varchar_pattern_ops)"]);
    assert.deepEqual(r.notes.map((n) => `${n.kind}: ${n.message}`), [
      "dynamic: CreateModel: unique= of field email is not known statically: read as Django's default, so the index or constraint it may make is not listed",
      "dynamic: AddField: db_index= of field ref is not known statically: read as Django's default, so the index or constraint it may make is not listed",
    ]);
  });

  it("a field class index-audit does not know, with an index, is dynamic: whether it also gets a _like index depends on its column type", () => {
    const r = readDjango({
      "tree/migrations/0001_initial.py": migration([
        "initial = True",
        "operations = [",
        '    migrations.CreateModel(name="Item", fields=[' + ID + ' ("alias", tree.fields.CharFieldNullable(max_length=80, null=True, db_index=True)), ("created", ext.CreationDateTimeField(db_index=True)), ("plain", tree.fields.Whatever(null=True))]),',
        "]",
      ]),
    });
    assert.deepEqual(r.notes.map((n) => `${n.kind}: ${n.message}`), ["dynamic: CreateModel: field alias is a CharFieldNullable, not a field class index-audit knows: whether its column is varchar or text, which also gets a _like index, is not known"]);
  });
});

describe("Django: lists and together options older makemigrations wrote", () => {
  it("set([...]) and frozenset([...]) in unique_together and index_together are read; a fields list joined with + reads its known parts and says the rest", () => {
    const r = readDjango({
      "cat/migrations/0001_initial.py": migration([
        "initial = True",
        "operations = [",
        '    migrations.CreateModel(name="Tag", fields=[' + ID + ' ("a", models.IntegerField()), ("b", models.IntegerField())] + OPTIONAL_FIELDS, options={"unique_together": set([("a", "b")])}),',
        '    migrations.AlterIndexTogether(name="tag", index_together=frozenset([("b", "a")])),',
        "]",
      ]),
    });
    assert.deepEqual(r.events.filter((e) => e.kind === "create-index" || e.kind === "constraint").map((e) => describeEvent(e).replace(/_[0-9a-f]{8}_/, "_HASH_")), [
      "primary key cat_tag_pkey ON cat_tag (id)",
      "index cat_tag_b_a_HASH_idx ON cat_tag (b, a)",
      // Django defers a new model's unique_together to the end of the migration.
      "unique cat_tag_a_b_HASH_uniq ON cat_tag (a, b)",
    ]);
    assert.deepEqual(r.notes.map((n) => `${n.kind}: ${n.message}`), ["not-read: CreateModel: this part of the fields list cannot be read statically; what it holds is left out"]);
  });
});
