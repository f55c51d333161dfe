// Deterministic randomness for the suite. Every check derives its own seed from the run seed and its id, so a
// check replays identically with `--seed N --only <check id>` whatever order the run used.

/** A small, fast PRNG (mulberry32). Returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over a string, mixed with a number: a stable 32-bit seed for a check. */
export function deriveSeed(runSeed: number, key: string): number {
  let hash = (0x811c9dc5 ^ (runSeed >>> 0)) >>> 0;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Fisher-Yates with a seeded PRNG; returns a new array. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const random = prng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A random seed for a run when the user gives none. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}

/** A short run id: lowercase letters and digits, valid inside a job id. */
export function randomRunId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = '';
  for (let i = 0; i < 6; i++) id += alphabet[Math.floor(Math.random() * alphabet.length)];
  return id;
}
