// The stash and object paths, as Elastic's Stash and ObjectPath. `set` saves a response value under a name; a
// string starting with `$` is replaced by the stashed value (`$body` is the last response body, `$name.a.b` a
// path inside a stashed value), `${name}` is replaced inside a string (`\${name}` stays literal), in keys too, and
// `$_path` inside a body is the path of the value being replaced. Paths are dot-separated; `\.` is a literal dot,
// a number indexes a list, a part that is a stashed value is replaced first, and `_arbitrary_key_` takes the
// first key of a map.
import { isMap, javaClass, javaToString, setKey, type JavaValue } from './java-values.js';

/** A lookup that cannot be done (Elastic's IllegalArgumentException): fails the step. */
export class StashError extends Error {
  override name = 'StashError';
}

const EXTENDED_KEY = /(\\)?\$\{([^}]+)\}/g;

/** Splits a path on unescaped dots. */
export function parsePath(path: string): string[] {
  const parts: string[] = [];
  let current = '';
  let escaped = false;
  for (const c of path) {
    if (c === '\\') {
      escaped = true;
      continue;
    }
    if (c === '.') {
      if (escaped) escaped = false;
      else {
        if (current.length > 0) parts.push(current);
        current = '';
        continue;
      }
    }
    current += c;
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/** Evaluates a dotted path in a value; undefined when a map has no such key. */
export function evaluatePath(root: unknown, path: string, stash: Stash | undefined): unknown {
  let current = root;
  for (const raw of parsePath(path)) {
    const key = stash?.containsStashedValue(raw) ? javaToString(stash.getValue(raw)) : raw;
    if (isMap(current)) {
      if (key === '_arbitrary_key_') {
        const keys = Object.keys(current);
        if (keys.length === 0) throw new StashError(`requested [${key}] but the map was empty`);
        if (Object.hasOwn(current, key))
          throw new StashError(`requested meta-key [${key}] but the map unexpectedly contains this key`);
        current = keys[0];
      } else {
        current = Object.hasOwn(current, key) ? current[key] : undefined;
      }
    } else if (Array.isArray(current)) {
      if (!/^-?\d+$/.test(key)) throw new StashError(`element was a list, but [${key}] was not numeric`);
      const index = Number(key);
      if (index < 0 || index >= current.length)
        throw new StashError(
          `element was a list with ${current.length} elements, but [${key}] was out of bounds`,
        );
      current = current[index];
    } else {
      throw new StashError(`no object found for [${key}] within object of class [${javaClass(current)}]`);
    }
    if (current === undefined || current === null) return undefined;
  }
  return current;
}

export class Stash {
  private readonly values: Record<string, JavaValue> = {};

  set(key: string, value: JavaValue | undefined): void {
    setKey(this.values, key, value === undefined ? null : value);
  }

  clear(): void {
    for (const key of Object.keys(this.values)) delete this.values[key];
  }

  /** Whether a value must be looked up: a string starting with `$` or holding `${...}`. */
  containsStashedValue(value: unknown): value is string {
    if (typeof value !== 'string' || value.length === 0) return false;
    if (value.startsWith('$')) return true;
    EXTENDED_KEY.lastIndex = 0;
    return EXTENDED_KEY.test(value);
  }

  /** `$key` → the stashed value; a string with `${key}` → the string with each replaced. */
  getValue(key: string): JavaValue {
    if (key.charAt(0) === '$' && key.charAt(1) !== '{') return this.unstash(key.slice(1));
    let found = false;
    const result = key.replace(EXTENDED_KEY, (whole, escaped: string | undefined, name: string) => {
      found = true;
      return escaped ? whole.slice(1) : javaToString(this.unstash(name));
    });
    if (!found) throw new StashError(`Doesn't contain any stash keys [${key}]`);
    return result;
  }

  private unstash(key: string): JavaValue {
    const value = evaluatePath(this.values, key, this);
    if (value === undefined || value === null)
      throw new StashError(`stashed value not found for key [${key}]`);
    return value as JavaValue;
  }

  /** A copy of a body (or expected value) with every stashed value replaced, keys included. */
  replaceStashedValues(value: JavaValue): JavaValue {
    return this.unstashObject([], value);
  }

  private unstashObject(path: Array<string | number>, value: JavaValue): JavaValue {
    if (Array.isArray(value)) {
      return value.map((item, index) => {
        path.push(index);
        const out = this.containsStashedValue(item)
          ? this.getPathValue(path, item)
          : this.unstashObject(path, item);
        path.pop();
        return out;
      });
    }
    if (isMap(value)) {
      const out: Record<string, JavaValue> = {};
      for (const [rawKey, item] of Object.entries(value)) {
        const key = this.containsStashedValue(rawKey) ? javaToString(this.getValue(rawKey)) : rawKey;
        path.push(key);
        const replaced = this.containsStashedValue(item)
          ? this.getPathValue(path, item)
          : this.unstashObject(path, item);
        path.pop();
        if (Object.hasOwn(out, key))
          throw new StashError(
            `Unstashing has caused a key conflict! The key is [${rawKey}] which unstashes to [${key}]`,
          );
        setKey(out, key, replaced);
      }
      return out;
    }
    return value;
  }

  private getPathValue(path: ReadonlyArray<string | number>, key: string): JavaValue {
    if (!key.includes('$_path')) return this.getValue(key);
    const built = path.map((p) => String(p).replace(/\./g, '\\.')).join('.');
    return this.getValue(key.split('$_path').join(built));
  }

  /** The stash's content, for a failure message. */
  snapshot(): Record<string, JavaValue> {
    return { ...this.values };
  }
}
