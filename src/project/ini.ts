/** A key of an INI file's section, as written (alembic.ini, sqitch.conf); null when the section does not set it. */
export function iniOption(ini: string, name: string, key: string): string | null {
  let section = "";
  for (const raw of ini.split(/\r?\n|\r/)) {
    const line = raw.trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) section = header[1]!.trim();
    else if (section === name) {
      const eq = /^([\w.]+)\s*[=:]\s*(.*)$/.exec(line);
      if (eq?.[1] === key) return eq[2]!.trim();
    }
  }
  return null;
}
