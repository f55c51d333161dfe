// ByteSizeValue.parseBytesSizeValue and ByteSizeValue.toString, as analysis_limits.model_memory_limit and the
// ML memory settings use them.
import { esError, type EsError } from './error-envelope.js';

const KB = 1024;
const UNITS: readonly [string, number][] = [
  ['pb', KB ** 5],
  ['p', KB ** 5],
  ['tb', KB ** 4],
  ['t', KB ** 4],
  ['gb', KB ** 3],
  ['g', KB ** 3],
  ['mb', KB ** 2],
  ['m', KB ** 2],
  ['kb', KB],
  ['k', KB],
  ['b', 1],
];

function unrecognised(setting: string, text: string): EsError {
  return esError(
    400,
    'parse_exception',
    `failed to parse setting [${setting}] with value [${text}] as a size in bytes: unit is missing or unrecognized`,
  );
}

/** Bytes of a size like `3000g`, `10mb` or `1.5gb` (fractions are allowed, truncated to whole bytes). */
export function parseByteSize(text: string, setting: string): number {
  const lower = text.trim().toLowerCase();
  if (lower === '-1') return -1;
  if (lower === '0') return 0;
  for (const [suffix, size] of UNITS) {
    if (!lower.endsWith(suffix)) continue;
    const number = lower.slice(0, -suffix.length).trim();
    if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/u.test(number)) {
      throw esError(400, 'parse_exception', `failed to parse [${text}]`, {
        type: 'number_format_exception',
        reason: `For input string: "${number}"`,
      });
    }
    const bytes = Math.trunc(Number(number) * size);
    if (bytes < 0) {
      throw esError(
        400,
        'parse_exception',
        `failed to parse setting [${setting}] with value [${text}] as a size in bytes`,
      );
    }
    return bytes;
  }
  throw unrecognised(setting, text);
}

/** Whole MiB of a byte count (ByteSizeValue.getMb). */
export function toMb(bytes: number): number {
  return Math.floor(bytes / KB ** 2);
}

const DISPLAY: readonly [string, number][] = [
  ['pb', KB ** 5],
  ['tb', KB ** 4],
  ['gb', KB ** 3],
  ['mb', KB ** 2],
  ['kb', KB],
];

/** ByteSizeValue.toString: the largest unit the size reaches, at most one decimal (`10gb`, `1.5gb`, `512mb`). */
export function formatByteSize(bytes: number): string {
  for (const [suffix, size] of DISPLAY) {
    if (bytes >= size) {
      const value = Math.round((bytes / size) * 10) / 10;
      return `${value}${suffix}`;
    }
  }
  return `${bytes}b`;
}
