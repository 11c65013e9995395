import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createIndexName, foreignKeyName, indexNameWithModel, namesDigest, splitIdentifier, truncateName } from "../src/sources/django/names.js";

// Every expected name (these and test/django-read.test.ts) below was produced by Django 3.2's own functions
// (`schema_editor._create_index_name`, `Index.set_name_with_model`,
// `utils.truncate_name`) with the PostgreSQL backend.

describe("Django names_digest", () => {
  it("is the md5 of the arguments in order, cut to the length asked", () => {
    assert.equal(namesDigest(["a", "b"], 8), "187ef443");
    assert.equal(namesDigest(["ab"], 8), "187ef443");
  });
});

describe("Django _create_index_name", () => {
  const cases: [string, string[], string, string][] = [
    ["shop_order", ["customer_id"], "", "shop_order_customer_id_f638df20"],
    ["shop_order", ["sku"], "_like", "shop_order_sku_c82b3044_like"],
    ["shop_order", ["sku"], "_uniq", "shop_order_sku_c82b3044_uniq"],
    ["shop_order", ["tenant_id", "sku"], "_uniq", "shop_order_tenant_id_sku_05a840f4_uniq"],
    ["shop_order", ["tenant_id", "created_at"], "_idx", "shop_order_tenant_id_created_at_274852a2_idx"],
    ["accounts_customerprofile_with_a_really_long_descriptive_table_name", ["billing_address_identifier"], "", "accounts_customerprofile_w_billing_address_identifier_f010ccf6"],
    ["accounts_customerprofile_with_a_really_long_descriptive_table_name", ["billing_address_identifier"], "_like", "accounts_customerprofile_billing_address_identifi_f010ccf6_like"],
    // A suffix longer than a third of 63 is cut to 21 characters.
    ["accounts_customerprofile_with_a_really_long_descriptive_table_name", ["a", "b"], "_fk_accounts_customerprofile_with_a_really_long_descriptive_table_name_id", "accounts_customerpro_a_b_2d9dc927_fk_accounts_"],
    ['"reporting"."daily_summary"', ["day"], "_uniq", "daily_summary_day_c1aeb877_uniq"],
    // Only a shortened name gains the leading D (and loses its last character).
    ["_private", ["x"], "", "_private_x_3db36659"],
    ["_private_table_with_quite_a_long_name_that_will_need_a_cut_applied", ["some_column"], "", "D_private_table_with_quite__some_column_9a59746"],
    ["9lives_catalogue_entries_with_a_long_enough_name_to_be_shortened", ["x"], "_like", "D9lives_catalogue_entries_x_85671719_lik"],
    // Lengths are counted in characters, as Python counts them.
    ["café_commandes_très_longues_pour_dépasser_la_limite_de_nom_pg", ["prénom"], "", "café_commandes_très_longue_prénom_29bc1144"],
    ["shop_order", [], "_pk", "shop_order__4086729a_pk"],
  ];
  for (const [table, columns, suffix, expected] of cases) {
    it(`${table} (${columns.join(", ")}) ${suffix || "no suffix"} → ${expected}`, () => {
      assert.equal(createIndexName(table, columns, suffix), expected);
    });
  }

  it("foreign key constraint names carry the target table and column", () => {
    assert.equal(
      foreignKeyName("accounts_customerprofile_with_a_really_long_descriptive_table_name", "a", "accounts_customerprofile_with_a_really_long_descriptive_table_name", "id"),
      createIndexName("accounts_customerprofile_with_a_really_long_descriptive_table_name", ["a"], "_fk_accounts_customerprofile_with_a_really_long_descriptive_table_name_id"),
    );
  });
});

describe("Django Index.set_name_with_model", () => {
  const cases: [string, { column: string; descending: boolean }[], string, string][] = [
    ["shop_order", [{ column: "created_at", descending: false }], "idx", "shop_order_created_86b012_idx"],
    ["shop_order", [{ column: "created_at", descending: true }, { column: "status", descending: false }], "idx", "shop_order_created_814e64_idx"],
    ["catalog_productvariant", [{ column: "attributes", descending: false }], "gin", "catalog_pro_attribu_502da7_gin"],
    ["_x_table", [{ column: "a", descending: false }], "idx", "Dx_table_a_7b7494_idx"],
    ["shop_order", [{ column: "customer_id", descending: false }], "idx", "shop_order_custome_edf08a_idx"],
  ];
  for (const [table, columns, suffix, expected] of cases) {
    it(`${table} ${columns.map((c) => (c.descending ? "-" : "") + c.column).join(",")} → ${expected}`, () => {
      assert.equal(indexNameWithModel(table, columns, suffix), expected);
    });
  }
});

describe("Django truncate_name and split_identifier", () => {
  it("keeps short names, cuts long ones to 63 with a 4-digit digest", () => {
    assert.equal(truncateName("app_model_tags", 63), "app_model_tags");
    assert.equal(
      truncateName("accounts_organisationmembershipwithverylongname_favourite_dashboard_widgets", 63),
      "accounts_organisationmembershipwithverylongname_favourite_d7462",
    );
  });
  it("splits a quoted schema-qualified table", () => {
    assert.deepEqual(splitIdentifier('"reporting"."daily_summary"'), ["reporting", "daily_summary"]);
    assert.deepEqual(splitIdentifier("shop_order"), ["", "shop_order"]);
  });
});
