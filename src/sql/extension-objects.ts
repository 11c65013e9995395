/**
 * What common extensions make that an index can depend on: `DROP EXTENSION x
 * CASCADE` drops every index that uses one of its operator classes, access
 * methods or functions, or a column of one of its types. Only the extensions
 * listed here are decided; any other leaves undecided every index that is not
 * plainly PostgreSQL's own (src/model/cascade.ts).
 */
export interface ExtensionObjects {
  opclasses: readonly string[];
  /** Access methods it adds (`hnsw`, `bloom`). */
  methods: readonly string[];
  /** Functions an index expression may call (a name ending in `*` is a prefix). */
  functions: readonly string[];
  types: readonly string[];
  /** btree_gin / btree_gist: the default operator classes of that method for PostgreSQL's scalar types (an index of it without one may use them). */
  scalarDefaultsFor?: "gin" | "gist";
}

const NONE: readonly string[] = [];

function ext(parts: Partial<ExtensionObjects>): ExtensionObjects {
  return { opclasses: NONE, methods: NONE, functions: NONE, types: NONE, ...parts };
}

export const EXTENSION_OBJECTS: ReadonlyMap<string, ExtensionObjects> = new Map([
  ["pg_trgm", ext({ opclasses: ["gin_trgm_ops", "gist_trgm_ops"], functions: ["similarity", "word_similarity", "strict_word_similarity", "show_trgm", "similarity_dist", "word_similarity_dist_op"] })],
  ["citext", ext({ types: ["citext"], opclasses: ["citext_ops", "citext_pattern_ops"] })],
  ["hstore", ext({ types: ["hstore"], opclasses: ["gist_hstore_ops", "gin_hstore_ops", "btree_hstore_ops", "hash_hstore_ops"], functions: ["hstore", "akeys", "avals", "skeys", "svals", "hstore_to_json", "hstore_to_jsonb", "exist", "defined", "fetchval"] })],
  ["ltree", ext({ types: ["ltree", "lquery", "ltxtquery"], opclasses: ["gist_ltree_ops", "gist__ltree_ops", "ltree_ops", "hash_ltree_ops"], functions: ["nlevel", "subltree", "subpath", "lca", "text2ltree", "ltree2text", "index"] })],
  ["unaccent", ext({ functions: ["unaccent"] })],
  ["fuzzystrmatch", ext({ functions: ["soundex", "difference", "levenshtein", "levenshtein_less_equal", "metaphone", "dmetaphone", "dmetaphone_alt", "daitch_mokotoff"] })],
  ["pgcrypto", ext({ functions: ["digest", "hmac", "crypt", "gen_salt", "encrypt", "decrypt", "encrypt_iv", "decrypt_iv", "gen_random_bytes", "pgp_sym_encrypt", "pgp_sym_decrypt", "armor", "dearmor"] })],
  ["uuid-ossp", ext({ functions: ["uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v3", "uuid_generate_v4", "uuid_generate_v5", "uuid_nil", "uuid_ns_dns", "uuid_ns_url", "uuid_ns_oid", "uuid_ns_x500"] })],
  ["intarray", ext({ opclasses: ["gist__int_ops", "gist__intbig_ops", "gin__int_ops"], functions: ["icount", "sort", "sort_asc", "sort_desc", "uniq", "idx", "subarray", "intset"] })],
  ["btree_gin", ext({ scalarDefaultsFor: "gin" })],
  ["btree_gist", ext({ scalarDefaultsFor: "gist", opclasses: ["gist_int2_ops", "gist_int4_ops", "gist_int8_ops", "gist_float4_ops", "gist_float8_ops", "gist_numeric_ops", "gist_text_ops", "gist_bpchar_ops", "gist_date_ops", "gist_timestamp_ops", "gist_timestamptz_ops", "gist_time_ops", "gist_interval_ops", "gist_uuid_ops", "gist_bool_ops", "gist_enum_ops"] })],
  ["vector", ext({ types: ["vector", "halfvec", "sparsevec"], methods: ["hnsw", "ivfflat"], opclasses: ["vector_l2_ops", "vector_ip_ops", "vector_cosine_ops", "vector_l1_ops", "halfvec_l2_ops", "halfvec_ip_ops", "halfvec_cosine_ops", "sparsevec_l2_ops"] })],
  ["bloom", ext({ methods: ["bloom"] })],
  ["postgis", ext({ types: ["geometry", "geography", "box2d", "box3d"], opclasses: ["gist_geometry_ops_2d", "gist_geometry_ops_nd", "gist_geography_ops", "spgist_geometry_ops_2d", "spgist_geometry_ops_3d", "spgist_geometry_ops_nd", "brin_geometry_inclusion_ops_2d"], functions: ["st_*", "geometry", "geography"] })],
]);

/** Whether `fn` (a function's last name) is one of `objects`' functions. */
export function extensionFunction(objects: ExtensionObjects, fn: string): boolean {
  return objects.functions.some((f) => (f.endsWith("*") ? fn.startsWith(f.slice(0, -1)) : f === fn));
}
