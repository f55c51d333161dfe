// @mlclose/client: a thin openapi-fetch client for Elasticsearch's close anomaly detection jobs API.
// Runs in Node, browsers, Deno, Bun and workers: nothing here may import a Node built-in.
// Retries live in the '@mlclose/client/retry' entry, so apps that don't retry don't ship them.
export { createClient, type MlCloseClient } from './client.js';
export {
  ConnectionError,
  ElasticsearchClientError,
  RequestAbortedError,
  ResponseError,
  TimeoutError,
  ValidationError,
  type ErrorAnswer,
  type RequestSummary,
} from './errors.js';
export type {
  Auth,
  ClientOptions,
  CloseJobCallOptions,
  CloseJobOptionName,
  CloseJobParams,
  CloseJobResult,
  CommonQueryParams,
  ParamsIn,
  RetryOptions,
  RetryPolicy,
  Send,
  Transport,
  TransportRequest,
  TransportResponse,
} from './client-options.js';
