/**
 * Where a validation path (`retention[2].maxAgeDays`) sits in the JSON text, so that the editor
 * can put the caret on the field an error is about. Tolerant: stops at the first syntax problem.
 */
import { formatPath } from './validate';

/** Offsets of every key (or array element) in `text`, by formatted path. */
export function pathOffsets(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i] as string)) i += 1;
  };
  const str = (): string | null => {
    if (text[i] !== '"') return null;
    let j = i + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    const raw = text.slice(i, j + 1);
    i = j + 1;
    try {
      return JSON.parse(raw) as string;
    } catch {
      return null;
    }
  };
  // Iterative over a stack of containers so that deep nesting cannot overflow.
  type Frame = { kind: '{' | '['; path: (string | number)[]; index: number };
  const stack: Frame[] = [];
  const value = (path: (string | number)[]): boolean => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push({ kind: c, path, index: 0 });
      i += 1;
      return true;
    }
    if (c === '"') return str() !== null;
    const m = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (!m) return false;
    i += m[0].length;
    return true;
  };
  if (!value([])) return out;
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Frame;
    ws();
    if (text[i] === (top.kind === '{' ? '}' : ']')) {
      i += 1;
      stack.pop();
      continue;
    }
    if (top.index > 0) {
      if (text[i] !== ',') return out;
      i += 1;
      ws();
    }
    if (top.kind === '{') {
      const at = i;
      const key = str();
      if (key === null) return out;
      ws();
      if (text[i] !== ':') return out;
      i += 1;
      const path = [...top.path, key];
      out.set(formatPath(path), at);
      top.index += 1;
      if (!value(path)) return out;
    } else {
      ws();
      const path = [...top.path, top.index];
      out.set(formatPath(path), i);
      top.index += 1;
      if (!value(path)) return out;
    }
  }
  return out;
}

/** The offset of `path`, or of its nearest located ancestor; 0 when nothing matches. */
export function locatePath(text: string, path: string): number {
  const offsets = pathOffsets(text);
  let p = path;
  for (;;) {
    const at = offsets.get(p);
    if (at !== undefined) return at;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) return 0;
    p = p.slice(0, cut);
  }
}
