// Values as Elastic's Java runner sees them. Jackson reads YAML and JSON numbers into Integer, Long, BigInteger or
// Double, and the runner's assertions depend on that class: nested `match` values compare with Java's equals
// (Integer 42 is not Double 42.0, nor Long 42), `gt` between an Integer and a Double is a cast error. A JS number
// loses that, so an integral Double (`42.0`, `1e3`) is kept as a JavaDouble, and integers beyond 2^53 as bigint.

/** A Double whose value is integral (`42.0`), kept apart from the Integer 42. */
export class JavaDouble {
  constructor(readonly value: number) {}
  toString(): string {
    return javaDoubleToString(this.value);
  }
}

/** A parsed YAML or JSON value. Objects are plain, null-prototype free, in source order. */
export type JavaValue =
  | null
  | boolean
  | string
  | number
  | bigint
  | JavaDouble
  | JavaValue[]
  | { [key: string]: JavaValue };

export type JavaClass =
  | 'null'
  | 'Boolean'
  | 'String'
  | 'Integer'
  | 'Long'
  | 'BigInteger'
  | 'Double'
  | 'List'
  | 'Map';

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** The Java class Jackson would give this value. */
export function javaClass(value: unknown): JavaClass {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'string') return 'String';
  if (value instanceof JavaDouble) return 'Double';
  if (typeof value === 'bigint') return value >= LONG_MIN && value <= LONG_MAX ? 'Long' : 'BigInteger';
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return 'Double';
    return value >= INT_MIN && value <= INT_MAX ? 'Integer' : 'Long';
  }
  if (Array.isArray(value)) return 'List';
  return 'Map';
}

export function isNumber(value: unknown): value is number | bigint | JavaDouble {
  return typeof value === 'number' || typeof value === 'bigint' || value instanceof JavaDouble;
}

export function isMap(value: unknown): value is { [key: string]: JavaValue } {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof JavaDouble)
  );
}

/** Number.doubleValue(). */
export function doubleValue(value: number | bigint | JavaDouble): number {
  return value instanceof JavaDouble ? value.value : Number(value);
}

/** Java's Double.toString: plain between 10^-3 and 10^7, else computerized scientific notation. */
export function javaDoubleToString(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e7) {
    const text = String(value);
    return text.includes('.') ? text : `${text}.0`;
  }
  const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exponent.replace('+', '')}`;
}

/** Object.toString() of the value in Java: `{a=1, b=[x, y]}` for a Map, as the runner renders an error for `catch: /re/`. */
export function javaToString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : javaDoubleToString(value);
  if (typeof value === 'bigint' || typeof value === 'boolean' || typeof value === 'string')
    return String(value);
  if (value instanceof JavaDouble) return value.toString();
  if (Array.isArray(value)) return `[${value.map(javaToString).join(', ')}]`;
  return `{${Object.entries(value as object)
    .map(([k, v]) => `${k}=${javaToString(v)}`)
    .join(', ')}}`;
}

/** Java's equals, deep for Maps and Lists (Hamcrest's equalTo, MapMatcher and ListMatcher). */
export function javaEquals(a: unknown, b: unknown): boolean {
  const ca = javaClass(a);
  if (ca !== javaClass(b)) return false;
  switch (ca) {
    case 'null':
      return true;
    case 'Double':
      // Double.equals compares bits: NaN equals NaN, 0.0 is not -0.0.
      return Object.is(doubleValue(a as number), doubleValue(b as number));
    case 'List': {
      const la = a as unknown[];
      const lb = b as unknown[];
      return la.length === lb.length && la.every((item, i) => javaEquals(item, lb[i]));
    }
    case 'Map': {
      const ma = a as Record<string, unknown>;
      const mb = b as Record<string, unknown>;
      const ka = Object.keys(ma);
      if (ka.length !== Object.keys(mb).length) return false;
      return ka.every((key) => Object.hasOwn(mb, key) && javaEquals(ma[key], mb[key]));
    }
    case 'Integer':
    case 'Long':
    case 'BigInteger':
      return BigInt(a as number | bigint) === BigInt(b as number | bigint);
    default:
      return a === b;
  }
}

/** Where two values first differ under Java's equals, e.g. `at a.0.value: expected Double 42.0, got Integer 42`. */
export function firstDifference(actual: unknown, expected: unknown, path = ''): string | undefined {
  const at = path === '' ? '' : `at ${path}: `;
  const ca = javaClass(actual);
  const ce = javaClass(expected);
  if (ca !== ce) return `${at}expected ${ce} ${javaToString(expected)}, got ${ca} ${javaToString(actual)}`;
  const join = (key: string | number) => (path === '' ? String(key) : `${path}.${key}`);
  if (ca === 'List') {
    const la = actual as unknown[];
    const le = expected as unknown[];
    if (la.length !== le.length) return `${at}expected a list of ${le.length}, got ${la.length}`;
    for (let i = 0; i < la.length; i++) {
      const found = firstDifference(la[i], le[i], join(i));
      if (found) return found;
    }
    return undefined;
  }
  if (ca === 'Map') {
    const ma = actual as Record<string, unknown>;
    const me = expected as Record<string, unknown>;
    for (const key of Object.keys(me)) {
      if (!Object.hasOwn(ma, key))
        return `at ${join(key)}: expected ${javaToString(me[key])}, got no such key`;
      const found = firstDifference(ma[key], me[key], join(key));
      if (found) return found;
    }
    const extra = Object.keys(ma).filter((key) => !Object.hasOwn(me, key));
    if (extra.length > 0) return `${at}unexpected key(s) ${extra.join(', ')}`;
    return undefined;
  }
  return javaEquals(actual, expected)
    ? undefined
    : `${at}expected ${javaToString(expected)}, got ${javaToString(actual)}`;
}

/** Sets a key without ever touching a prototype (a `__proto__` key is data). */
export function setKey(target: Record<string, JavaValue>, key: string, value: JavaValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** JSON text of a value; a JavaDouble keeps its fraction (`42.0`). */
export function toJsonText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof JavaDouble) return javaDoubleToString(value.value).replace('E', 'e');
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${value} cannot be sent as JSON`);
    return JSON.stringify(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  return `{${Object.entries(value as object)
    .map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`)
    .join(',')}}`;
}

/** A value for a report: JavaDouble and bigint become plain JSON numbers. */
export function toPlain(value: unknown): unknown {
  if (value instanceof JavaDouble) return value.value;
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(toPlain);
  if (isMap(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      setKey(out as Record<string, JavaValue>, k, toPlain(v) as JavaValue);
    return out;
  }
  return value;
}
