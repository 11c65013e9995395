import type { SyntaxNode } from "../../python/syntax-node.js";

interface Written {
  name: string;
  argument: SyntaxNode;
  /** Asked of the tree once; null when the argument has none (a syntax error). */
  value?: SyntaxNode | null;
}

function valueOf(w: Written): SyntaxNode | null {
  if (w.value === undefined) w.value = w.argument.childForFieldName("value");
  return w.value;
}

/**
 * A call's keyword arguments by name, each value asked of the tree only when
 * it is read: most of a field call's (`verbose_name=`, `max_length=`,
 * `on_delete=`) never are, and each node asked for is a call into
 * tree-sitter. It holds what a Map filled in order with every `name=value`
 * that has both would hold (a later one of the same name wins).
 */
export class KeywordArguments implements ReadonlyMap<string, SyntaxNode> {
  private readonly written: Written[] = [];
  private resolved: Map<string, SyntaxNode> | null = null;

  add(name: string, argument: SyntaxNode): void {
    this.written.push({ name, argument });
  }

  get(name: string): SyntaxNode | undefined {
    if (this.resolved) return this.resolved.get(name);
    for (let i = this.written.length - 1; i >= 0; i--) {
      const w = this.written[i]!;
      if (w.name !== name) continue;
      const value = valueOf(w);
      if (value) return value;
    }
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  get size(): number {
    return this.all().size;
  }

  entries(): MapIterator<[string, SyntaxNode]> {
    return this.all().entries();
  }

  keys(): MapIterator<string> {
    return this.all().keys();
  }

  values(): MapIterator<SyntaxNode> {
    return this.all().values();
  }

  forEach(fn: (value: SyntaxNode, key: string, map: ReadonlyMap<string, SyntaxNode>) => void): void {
    for (const [k, v] of this.all()) fn(v, k, this);
  }

  [Symbol.iterator](): MapIterator<[string, SyntaxNode]> {
    return this.all()[Symbol.iterator]();
  }

  private all(): Map<string, SyntaxNode> {
    if (!this.resolved) {
      const map = new Map<string, SyntaxNode>();
      for (const w of this.written) {
        const value = valueOf(w);
        if (value) map.set(w.name, value);
      }
      this.resolved = map;
    }
    return this.resolved;
  }
}
