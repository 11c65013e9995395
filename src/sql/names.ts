/**
 * The names PostgreSQL chooses for an index or constraint written without one
 * (ChooseIndexName, ChooseIndexNameAddition, makeObjectName): table, key
 * columns and a label joined by `_`, the table and column parts shortened
 * evenly so the whole fits in 63 bytes. When that name is taken PostgreSQL
 * tries the label with 1, 2, … appended (ChooseRelationName); which names are
 * taken is replay's to know (`numberedName`).
 */

/** Bytes PostgreSQL keeps of an identifier (NAMEDATALEN - 1). */
export const MAX_IDENTIFIER_BYTES = 63;

export type NameLabel = "idx" | "key" | "pkey" | "excl";

/** What PostgreSQL builds an unnamed index's or constraint's name from: the table, the columns' part, the label. */
export interface NameStem {
  table: string;
  addition: string | null;
  label: NameLabel;
}

export function chooseIndexName(table: string, columns: readonly string[], label: NameLabel): string {
  return numberedName(nameStem(table, columns, label), 0);
}

export function nameStem(table: string, columns: readonly string[], label: NameLabel): NameStem {
  return { table, addition: label === "pkey" ? null : nameAddition(distinctColumnNames(columns)), label };
}

/**
 * The columns' names made distinct as ChooseIndexColumnNames makes them: a
 * name an earlier column has gets 1, 2, … appended (`lower`, `lower1`), the
 * name cut so the whole stays within 63 bytes.
 */
function distinctColumnNames(columns: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of columns) {
    let current = name;
    for (let i = 1; out.includes(current); i++) current = clip(name, MAX_IDENTIFIER_BYTES - String(i).length) + String(i);
    out.push(current);
  }
  return out;
}

/** The name PostgreSQL tries at its `pass`-th attempt: the label alone, then `key1`, `key2`, … (cut as the label grows). */
export function numberedName(stem: NameStem, pass: number): string {
  return makeObjectName(stem.table, stem.addition, pass === 0 ? stem.label : `${stem.label}${pass}`);
}

/** Column names joined by `_`, stopping once the text is long enough to be cut anyway. */
function nameAddition(columns: readonly string[]): string {
  let out = "";
  for (const c of columns) {
    if (out.length > 0) out += "_";
    out += clip(c, MAX_IDENTIFIER_BYTES);
    if (bytes(out) >= MAX_IDENTIFIER_BYTES + 1) break;
  }
  return out;
}

function makeObjectName(name1: string, name2: string | null, label: string): string {
  const overhead = (name2 !== null ? 1 : 0) + label.length + 1;
  const avail = MAX_IDENTIFIER_BYTES - overhead;
  let n1 = bytes(name1);
  let n2 = name2 === null ? 0 : bytes(name2);
  while (n1 + n2 > avail) {
    if (n1 > n2) n1--;
    else n2--;
  }
  const parts = [clip(name1, n1), ...(name2 !== null ? [clip(name2, n2)] : []), label];
  return parts.join("_");
}

// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

/** UTF-8 bytes of `s`: its length when it is ASCII, as names nearly always are. */
function bytes(s: string): number {
  return ASCII.test(s) ? s.length : Buffer.byteLength(s, "utf8");
}

/** The name as PostgreSQL stores it: cut at 63 bytes, never inside a character. */
export function storedIdentifier(name: string): string {
  return clip(name, MAX_IDENTIFIER_BYTES);
}

/** The longest prefix of `s` within `max` bytes, never cutting a character. */
function clip(s: string, max: number): string {
  // One byte per character: a slice, not a walk asking each character's size.
  if (ASCII.test(s)) return s.length <= max ? s : s.slice(0, max);
  let out = "";
  let used = 0;
  for (const ch of s) {
    const n = bytes(ch);
    if (used + n > max) break;
    out += ch;
    used += n;
  }
  return out;
}
