// A skip list: known gaps, each with a reason, so a run can be green while they are fixed. A YAML list of entries
// `{ file?, test?, reason }`: `file` matches the end of a file's path (`ml/jobs_crud.yml`), `test` a test name
// where `*` stands for any characters; an entry without `test` skips the whole file. Every entry needs a reason,
// and at least one of file and test.
import { loadYamlDocuments } from './yaml-load.js';
import { SuiteParseError } from './parse-error.js';
import { isMap } from './java-values.js';

export interface SkipEntry {
  file?: string;
  test?: string;
  reason: string;
}

export function parseSkipList(text: string, source: string): SkipEntry[] {
  const docs = loadYamlDocuments(text, source);
  if (docs.length === 0) return [];
  const list = docs[0];
  if (docs.length > 1 || !Array.isArray(list))
    throw new SuiteParseError(`${source}: a skip list is one YAML list of { file, test, reason }`);
  return list.map((entry, i) => {
    const where = `${source} entry ${i + 1}`;
    if (!isMap(entry)) throw new SuiteParseError(`${where}: expected { file, test, reason }`);
    const unknown = Object.keys(entry).filter((k) => !['file', 'test', 'reason'].includes(k));
    if (unknown.length > 0) throw new SuiteParseError(`${where}: unknown field(s) ${unknown.join(', ')}`);
    const { file, test, reason } = entry;
    if (typeof reason !== 'string' || reason.trim() === '')
      throw new SuiteParseError(`${where}: a reason is required`);
    if (file !== undefined && typeof file !== 'string')
      throw new SuiteParseError(`${where}: file must be a string`);
    if (test !== undefined && typeof test !== 'string')
      throw new SuiteParseError(`${where}: test must be a string`);
    if (file === undefined && test === undefined)
      throw new SuiteParseError(`${where}: give a file, a test or both`);
    return { ...(file !== undefined ? { file } : {}), ...(test !== undefined ? { test } : {}), reason };
  });
}

function glob(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[\\^$.+?()[\]{}|]/g, '\\$&'))
      .join('.*')}$`,
    's',
  );
}

/** The entry that skips this test (or, with test undefined, this whole file), if any. */
export function findSkip(
  entries: readonly SkipEntry[],
  file: string,
  test: string | undefined,
): SkipEntry | undefined {
  const normalised = file.split('\\').join('/');
  return entries.find((entry) => {
    if (entry.file !== undefined && normalised !== entry.file && !normalised.endsWith(`/${entry.file}`))
      return false;
    if (entry.test === undefined) return true;
    return test !== undefined && glob(entry.test).test(test);
  });
}
