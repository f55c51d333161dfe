// @mlclose/conformance: does a server implement Elasticsearch's close-job API the way Elasticsearch does?
export {
  EMBEDDED_TIMING,
  runConformance,
  type ConformanceOptions,
  type VitestReporterSpec,
} from './runner.js';
export type { Credentials, CredentialKind } from './credentials.js';
export { TargetError } from './target.js';
export { UsageError } from './usage-error.js';
export { cleanupRun, runPrefix, type CleanupResult } from './cleanup.js';
export { HttpTarget, type TlsOptions } from './http.js';
export { Redactor } from './redact.js';
export { allChecks } from './checks/index.js';
export type { CheckDefinition, CheckContext, Failure, Need, Phase } from './check.js';
export { consoleReporter, type ConsoleReporterOptions } from './report/console.js';
export { jsonReporter, junitReporter, htmlReporter, toJson, toJunit, toHtml } from './report/files.js';
export type {
  CheckResult,
  CheckStatus,
  Reporter,
  RequirementResult,
  RequirementStatus,
  RunReport,
  Tally,
  Verdict,
} from './report/types.js';
export { modelClose, type ModelJob, type ModelJobState, type ModelCloseResult } from './model/close-model.js';
export { expand, tokenize, globMatches, wildcardQueryMatches, type Expansion } from './model/expression.js';
export { runYamlTests, type YamlRunOptions } from './yaml/runner.js';
export {
  yamlConsoleReporter,
  yamlHtmlReporter,
  yamlJsonReporter,
  yamlJunitReporter,
  yamlToHtml,
  yamlToJson,
  yamlToJunit,
} from './yaml/report.js';
export type {
  YamlFailure,
  YamlFileResult,
  YamlReporter,
  YamlRunReport,
  YamlTally,
  YamlTestResult,
  YamlTestStatus,
} from './yaml/report.js';
