/**
 * A key of an INI file's section, as written (alembic.ini, sqitch.conf); null when the section does not set it.
 * With `continued` (Python's configparser: alembic.ini, yoyo.ini), a value goes on over the lines after its key
 * indented deeper than the key (comment and blank lines among them left out), joined by newlines: Alembic's
 * `path_separator = newline` lists. git-config files (sqitch.conf) have no such lines.
 */
export function iniOption(ini: string, name: string, key: string, continued = false): string | null {
  let section = "";
  // With `continued`: the indentation of the last key, whose value a line indented deeper goes on (not a key).
  let keyIndent: number | null = null;
  const lines = ini.split(/\r?\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.trim();
    if (continued && keyIndent !== null && line !== "" && !line.startsWith("#") && !line.startsWith(";") && indentOf(raw) > keyIndent) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      section = header[1]!.trim();
      keyIndent = null;
    } else if (section === name || continued) {
      const eq = /^([\w.]+)\s*[=:]\s*(.*)$/.exec(line);
      if (eq) keyIndent = indentOf(raw);
      if (section !== name || eq?.[1] !== key) continue;
      const parts = [eq[2]!.trim()];
      const indent = indentOf(raw);
      for (let j = i + 1; continued && j < lines.length; j++) {
        const next = lines[j]!;
        const text = next.trim();
        if (text === "" || text.startsWith("#") || text.startsWith(";")) continue;
        if (indentOf(next) <= indent) break;
        parts.push(text);
      }
      return parts.filter((p) => p !== "").join("\n");
    }
  }
  return null;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
