// Validates a report against ../../report-schema.json (or ../../yaml-report-schema.json) with the JSON Schema
// engine of @mlclose/schema. That engine accepts only spec-style refs, so local `#/$defs/...` refs are inlined
// first (the schemas have no cycles).
import { readFileSync } from 'node:fs';
import { validateSpecSchema, type ValidationResult } from '@mlclose/schema/validators';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function loadInlined(file: string): Json {
  const raw = JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')) as {
    $defs: Record<string, Json>;
  } & Record<string, Json>;
  const inline = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(inline);
    if (node === null || typeof node !== 'object') return node;
    if (typeof node.$ref === 'string') {
      const name = node.$ref.replace('#/$defs/', '');
      const target = raw.$defs[name];
      if (target === undefined) throw new Error(`unresolvable ${node.$ref}`);
      return inline(target);
    }
    const out: Record<string, Json> = {};
    for (const [key, value] of Object.entries(node))
      if (key !== '$defs' && key !== '$schema') out[key] = inline(value);
    return out;
  };
  return inline(raw);
}

export const reportSchema = loadInlined('report-schema.json');
export const yamlReportSchema = loadInlined('yaml-report-schema.json');

export function validateReport(report: unknown): ValidationResult {
  return validateSpecSchema(reportSchema as never, report);
}

export function validateYamlReport(report: unknown): ValidationResult {
  return validateSpecSchema(yamlReportSchema as never, report);
}
