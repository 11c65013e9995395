/**
 * Template markers left in SQL text that is filled in at run time: Python
 * format fields (`{}`, `{name}`, `{0}`, `{cfg.schema}`) and Jinja tags
 * (`{{ table }}`, `{% if x %}`, `{# note #}`). Braces inside SQL string
 * literals, quoted identifiers and comments (`'{"a": 1}'::jsonb`, `'{1,2}'`)
 * are SQL, not markers. Linear: one pass, each character looked at once.
 */
export interface TemplateMarker {
  /** Index of the opening brace and just past the closing one. */
  start: number;
  end: number;
  /** `expression` stands for a value (`{name}`, `{{ x }}`); `statement` and `comment` vanish from the SQL. */
  kind: "expression" | "statement" | "comment";
}

export function findTemplateMarkers(text: string): TemplateMarker[] {
  return scanOutsideLiterals(text, (i) => (text[i] === "{" ? markerAt(text, i) : null));
}

/**
 * Driver bind parameters outside literals and comments (`%s`, `%(name)s`,
 * `:name`), as markers of values filled in at run time. Used only for SQL
 * PostgreSQL rejects with the binds as values: `ON %(schema)s.t` with
 * psycopg's AsIs puts a name where a value cannot stand.
 */
export function findBindMarkers(text: string): TemplateMarker[] {
  return scanOutsideLiterals(text, (i) => {
    const c = text[i];
    const re = c === "%" ? PERCENT_BIND : c === ":" && text[i - 1] !== ":" && text[i + 1] !== ":" ? NAMED_BIND : null;
    if (!re) return null;
    re.lastIndex = i;
    const m = re.exec(text);
    return m ? { start: i, end: i + m[0].length, kind: "expression" } : null;
  });
}

// Sticky, matched where the scan stands; `\w*` ends at the first other character.
const PERCENT_BIND = /%(?:\([A-Za-z_]\w*\))?s/y;
const NAMED_BIND = /:[A-Za-z_]\w*/y;

/** Calls `at` on every character outside SQL string literals, quoted names and comments; a marker found is skipped whole. */
function scanOutsideLiterals(text: string, at: (i: number) => TemplateMarker | null): TemplateMarker[] {
  const out: TemplateMarker[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === "'" || c === '"') {
      i = closeQuote(text, i, c);
      continue;
    }
    if (c === "-" && text[i + 1] === "-") {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl + 1;
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      i = close < 0 ? text.length : close + 2;
      continue;
    }
    if (c === "$") {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i, i + 64));
      if (tag && !/^\$\d/.test(text.slice(i, i + 2))) {
        const close = text.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? text.length : close + tag[0].length;
        continue;
      }
    }
    const marker = at(i);
    if (marker) {
      out.push(marker);
      i = marker.end;
      continue;
    }
    i++;
  }
  return out;
}

const JINJA_CLOSE: Record<string, [string, TemplateMarker["kind"]]> = {
  "{": ["}}", "expression"],
  "%": ["%}", "statement"],
  "#": ["#}", "comment"],
};

function markerAt(text: string, i: number): TemplateMarker | null {
  const jinja = JINJA_CLOSE[text[i + 1] ?? ""];
  if (jinja) {
    const close = text.indexOf(jinja[0], i + 2);
    if (close >= 0) return { start: i, end: close + 2, kind: jinja[1] };
  }
  // A Python format field: no braces or line breaks inside (so each character is looked at from one `{` only).
  for (let k = i + 1; k < text.length; k++) {
    const ch = text.charAt(k);
    if (ch === "}") return { start: i, end: k + 1, kind: "expression" };
    if (ch === "{" || ch === "\n") return null;
  }
  return null;
}

/** Index just past the quote that closes the one at `i` (`''` / `""` are escaped quotes; E'' strings take backslashes). */
function closeQuote(text: string, i: number, quote: string): number {
  const backslash = quote === "'" && i > 0 && (text[i - 1] === "E" || text[i - 1] === "e");
  for (let k = i + 1; k < text.length; k++) {
    const ch = text[k];
    if (backslash && ch === "\\") {
      k++;
      continue;
    }
    if (ch === quote) {
      if (text[k + 1] === quote) {
        k++;
        continue;
      }
      return k + 1;
    }
  }
  return text.length;
}
