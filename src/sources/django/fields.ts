import type { SyntaxNode } from "../../python/syntax-node.js";
import type { ExprReader } from "./expr.js";
import { lastSegment } from "./expr.js";
import { swappableModel, type MigrationReadOptions } from "./migration.js";

/** How PostgreSQL stores a field, as far as indexes care. */
export type ColumnType = "varchar" | "text" | "other" | "relation" | "none";

export interface RelationSpec {
  kind: "fk" | "o2o" | "m2m";
  /** The target as written: `app.Model`, or `Model` in the same app. */
  to: string;
  toField: string | null;
  /** `through=`: a model the project declares itself (no table is made for it here). */
  through: string | null;
  dbTable: string | null;
}

/** A model field as a migration declares it. */
export interface FieldSpec {
  name: string;
  cls: string;
  dbColumn: string | null;
  primaryKey: boolean;
  /** Django's `field.unique`: `unique=True` or a primary key. */
  unique: boolean;
  dbIndex: boolean;
  type: ColumnType;
  relation: RelationSpec | null;
  /** `db_collation=`: on a non-deterministic collation Django 4.2+ builds no `_like` index (nor on a key to such a column). */
  dbCollation: string | null;
  /** `CompositePrimaryKey("a", "b")` (Django 5.2): the fields the table's primary key spans; it has no column of its own. */
  composite: string[] | null;
  /** The field's call, where its indexes are reported. */
  node: SyntaxNode;
  /** A field class neither Django's nor known by its name, whose field gets an index: whether its column is varchar or text (a second, `_like` index) is not known. */
  unknownType?: true;
  /** `unique=`, `db_index=` or `primary_key=` given something not known statically (`unique=UNIQUE_EMAIL` from settings): read as Django's default, and said. */
  unknownFlags?: { flag: string; node: SyntaxNode }[];
}

/** The keyword arguments of a field that make an index or a constraint. */
const FLAG_KEYWORDS = ["primary_key", "unique", "db_index"];

const VARCHAR = new Set(["CharField", "SlugField", "EmailField", "URLField", "FilePathField", "FileField", "ImageField", "CommaSeparatedIntegerField"]);
const TEXT = new Set(["TextField"]);
/** Widely used third-party fields that store varchar (subclasses of CharField or SlugField). */
const THIRD_PARTY_VARCHAR = new Set([
  "PhoneNumberField",
  "CountryField",
  "AutoSlugField",
  "TimeZoneField",
  "LanguageField",
  "CurrencyField",
  "ShortUUIDField",
  "RandomCharField",
  "ColorField",
  "USStateField",
  "USZipCodeField",
  "USPostalCodeField",
]);
/** citext and other non-varchar subclasses whose names look like CharField's. */
const NOT_VARCHAR = new Set(["CICharField", "CIEmailField", "CITextField"]);

/** The column type a field class gives, as far as the `_like` index cares. */
function typeOf(cls: string): "varchar" | "text" | "other" {
  if (NOT_VARCHAR.has(cls)) return "other";
  // Subclasses keep their base's type: EncryptedCharField, ThumbnailerImageField, RichTextField, MarkdownxField, …
  if (VARCHAR.has(cls) || THIRD_PARTY_VARCHAR.has(cls) || /(Char|Slug|Email|URL|Image|File|FilePath)Field$/.test(cls)) return "varchar";
  if (TEXT.has(cls) || /(Text|HTML|Markdown|Markdownx)Field$/.test(cls)) return "text";
  return "other";
}
/** Django's field classes (and contrib.postgres', contrib.gis') whose column is neither varchar nor text, and names that say so (`CreationDateTimeField`). */
const NOT_TEXT = /(?:Integer|Auto|Boolean|Date|DateTime|Time|Decimal|Float|Duration|UUID|JSON|Binary|IPAddress|Range|Array|HStore|Geometry|Point|Polygon|LineString|Raster|SearchVector|Generated|Money|Vector)Field$|^(?:ForeignObject|CompositePrimaryKey)$/;

/** Whether the column type a field class gives is known: Django's, a subclass named for its base, or a well-known one. */
function typeKnown(cls: string): boolean {
  return typeOf(cls) !== "other" || NOT_TEXT.test(cls) || NOT_VARCHAR.has(cls) || NO_COLUMN.has(cls);
}

/** Field classes with no column of their own. */
const NO_COLUMN = new Set(["ManyToManyField", "GenericRelation", "GenericForeignKey", "ManyToManyRel"]);

/** The column a field has: `db_column`, else the name (`<name>_id` for a foreign key). */
export function columnOf(field: FieldSpec): string {
  if (field.dbColumn !== null) return field.dbColumn;
  return field.relation && field.relation.kind !== "m2m" ? `${field.name}_id` : field.name;
}

/** Reads `models.CharField(max_length=20, unique=True)` given the field's name. Null when it is not a field call. */
export function readField(name: string, node: SyntaxNode, reader: ExprReader, options: MigrationReadOptions): FieldSpec | null {
  const e = reader.read(node);
  if (e.kind !== "call") return null;
  const cls = lastSegment(e.callee);
  const kw = e.kwargs;
  let relation: RelationSpec | null = null;
  const kind = cls === "ForeignKey" ? "fk" : cls === "OneToOneField" ? "o2o" : cls === "ManyToManyField" ? "m2m" : null;
  if (kind) {
    const toNode = kw.get("to") ?? e.args[0];
    const to = toNode ? (swappableModel(toNode, reader, options) ?? reader.string(toNode)) : null;
    relation = {
      kind,
      to: to ?? "",
      toField: reader.string(kw.get("to_field")),
      through: reader.string(kw.get("through")),
      dbTable: reader.string(kw.get("db_table")),
    };
  }
  const unknownFlags = FLAG_KEYWORDS.flatMap((flag) => {
    const value = kw.get(flag);
    const read = value ? reader.read(value).kind : null;
    return value && read !== "bool" && read !== "none" ? [{ flag, node: value }] : [];
  });
  const composite = cls === "CompositePrimaryKey" ? e.args.map((a) => reader.string(a)).filter((x): x is string => x !== null) : null;
  const primaryKey = composite === null && reader.bool(kw.get("primary_key"), false);
  // Django's defaults: foreign keys and slugs are indexed, a one-to-one is unique.
  const indexedByDefault = kind === "fk" || kind === "o2o" || cls.endsWith("SlugField");
  const unique = kind === "o2o" || reader.bool(kw.get("unique"), false) || primaryKey;
  const dbIndex = reader.bool(kw.get("db_index"), indexedByDefault);
  return {
    name,
    cls,
    dbColumn: reader.string(kw.get("db_column")),
    primaryKey,
    unique,
    dbIndex,
    type: NO_COLUMN.has(cls) || composite ? "none" : kind ? "relation" : typeOf(cls),
    relation,
    dbCollation: reader.string(kw.get("db_collation")),
    composite,
    node,
    ...(unknownFlags.length > 0 ? { unknownFlags } : {}),
    ...(!kind && composite === null && !typeKnown(cls) && (primaryKey || unique || dbIndex) ? { unknownType: true as const } : {}),
  };
}

/** The items of `[("id", models.AutoField(...)), ("name", models.CharField(...))]`. */
export function readFieldList(items: readonly SyntaxNode[], reader: ExprReader, options: MigrationReadOptions): { fields: FieldSpec[]; unreadable: SyntaxNode[] } {
  const fields: FieldSpec[] = [];
  const unreadable: SyntaxNode[] = [];
  for (const item of items) {
    const pair = reader.items(item);
    const name = pair?.length === 2 ? reader.string(pair[0]) : null;
    const field = name !== null && pair ? readField(name, pair[1]!, reader, options) : null;
    if (field) fields.push(field);
    else unreadable.push(item);
  }
  return { fields, unreadable };
}
