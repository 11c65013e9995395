/** String indices of the UTF-8 byte offsets of a text (`length` is its length in bytes). */
export interface ByteMap {
  length: number;
  toIndex(byte: number): number;
}

/** PostgreSQL reports UTF-8 byte offsets; JavaScript strings index UTF-16 units. */
export function byteMap(text: string): ByteMap {
  if (/^\p{ASCII}*$/u.test(text)) return { length: text.length, toIndex: (b) => Math.min(b, text.length) };
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) map.push(i);
    if (cp >= 0x10000) i++;
  }
  const length = map.length;
  map.push(text.length);
  return { length, toIndex: (b) => map[Math.max(0, Math.min(b, length))]! };
}
