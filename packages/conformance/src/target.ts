// Finds out what the target is before any check runs: reachable, authenticated, its version, whether it offers
// test control (and which capabilities), and whether it holds jobs this run did not create.
import { validateResponse } from '@mlclose/schema/validators';
import type { CredentialKind } from './credentials.js';
import { ConnectionError, header, type HttpTarget } from './http.js';
import { operation } from './operations.js';

/** A problem that makes the run impossible (exit code 2). */
export class TargetError extends Error {
  override name = 'TargetError';
}

export interface Probe {
  version: string | undefined;
  testControl: boolean;
  capabilities: Set<string>;
}

function authHint(kind: CredentialKind): string {
  if (kind === 'api-key') return '401: check your API key';
  if (kind === 'basic') return '401: check your username and password';
  return '401: the target needs credentials; pass --api-key KEY (or ELASTIC_API_KEY) or --username and --password';
}

export async function probeTarget(http: HttpTarget, credentialKind: CredentialKind): Promise<Probe> {
  let info;
  try {
    info = await http.request(operation('info'));
  } catch (error) {
    const detail = error instanceof ConnectionError ? error.message.replace(/^GET \S+: /, '') : String(error);
    // Node's TLS errors name the certificate problem; say what to do about it.
    const hint = /certificate|CERT_|SSL|TLS/i.test(detail)
      ? ' (trust its CA with --ca FILE, or accept any certificate with --insecure)'
      : '';
    throw new TargetError(`cannot reach ${http.url('/')}: ${detail}${hint}`);
  }
  if (info.status === 401) throw new TargetError(authHint(credentialKind));
  if (info.status === 403)
    throw new TargetError(
      '403: the credentials may not read cluster info (GET /); they need the manage_ml cluster privilege and monitor',
    );
  if (info.status !== 200 || !info.isJson) {
    throw new TargetError(`GET ${http.url('/')} answered ${info.status}; is this an Elasticsearch endpoint?`);
  }
  const valid = validateResponse('info', 200, info.json);
  const version = (info.json as { version?: { number?: unknown } }).version?.number;
  if (!valid.valid) {
    throw new TargetError(
      `GET ${http.url('/')} does not look like Elasticsearch cluster info: ${valid.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
    );
  }
  const capabilities = new Set<string>();
  let testControl = false;
  const announced = header(info, 'x-mlclose-test-control');
  const discovery = await http
    .request(announced ? { method: 'GET', path: announced } : operation('test-control-info'))
    .catch(() => undefined);
  if (
    discovery &&
    discovery.status === 200 &&
    validateResponse('test-control-info', 200, discovery.json).valid
  ) {
    testControl = true;
    for (const capability of (discovery.json as { capabilities: string[] }).capabilities)
      capabilities.add(capability);
  }
  return { version: typeof version === 'string' ? version : undefined, testControl, capabilities };
}

/** Job ids on the target that do not start with `ownPrefix`. */
export async function foreignJobIds(http: HttpTarget, ownPrefix: string): Promise<string[]> {
  const response = await http.request(
    operation('ml-get-job-stats', { job_id: '_all' }, 'allow_no_match=true'),
  );
  if (response.status === 401) throw new TargetError('401: the credentials are not accepted for the ML APIs');
  if (response.status === 403)
    throw new TargetError('403: the credentials lack the manage_ml cluster privilege');
  if (response.status !== 200 || !validateResponse('ml-get-job-stats', 200, response.json).valid) {
    throw new TargetError(
      `GET /_ml/anomaly_detectors/_all/_stats answered ${response.status}; is machine learning enabled on the target?`,
    );
  }
  return (response.json as { jobs: Array<{ job_id: string }> }).jobs
    .map((job) => job.job_id)
    .filter((id) => !id.startsWith(ownPrefix));
}
