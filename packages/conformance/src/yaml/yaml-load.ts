// Reads a YAML test file into documents with Jackson's view of scalars: the YAML 1.2 core schema (no timestamps,
// no merge keys), integers as Integer/Long/BigInteger and floats as Double, an integral float kept apart
// (./java-values.ts). Each `---` document is one section of the suite.
import * as yaml from 'js-yaml';
import { JavaDouble, type JavaValue } from './java-values.js';

// js-yaml exports its built-in types; @types/js-yaml does not declare them.
const builtIn = (yaml as unknown as { types: Record<'int' | 'float' | 'null' | 'bool', yaml.Type> }).types;
const coreInt = builtIn.int;
const coreFloat = builtIn.float;

const javaInt = new yaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string) => coreInt.resolve(data),
  construct: (data: string) => {
    const value = coreInt.construct(data) as number;
    if (Number.isSafeInteger(value)) return value;
    const digits = data.replace(/_/g, '');
    // Past 2^53 the digits are kept, as Jackson keeps a Long or BigInteger.
    return /^[-+]?\d+$/.test(digits) ? BigInt(digits) : value;
  },
});

const javaFloat = new yaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: string) => coreFloat.resolve(data),
  construct: (data: string) => {
    const value = coreFloat.construct(data) as number;
    return Number.isInteger(value) ? new JavaDouble(value) : value;
  },
});

const SCHEMA = yaml.FAILSAFE_SCHEMA.extend({
  implicit: [builtIn.null, builtIn.bool, javaInt, javaFloat],
});

/** The documents of a YAML file; throws with the file name and line on a syntax error. */
export function loadYamlDocuments(text: string, filename: string): JavaValue[] {
  const documents: JavaValue[] = [];
  yaml.loadAll(text, (doc) => documents.push(doc as JavaValue), { schema: SCHEMA, filename, json: false });
  return documents.filter((doc) => doc !== null && doc !== undefined);
}
