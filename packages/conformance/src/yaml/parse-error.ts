/** A YAML file (or API description) that cannot be read: names the file and the place. */
export class SuiteParseError extends Error {
  override name = 'SuiteParseError';
}
