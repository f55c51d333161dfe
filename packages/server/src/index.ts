// @mlclose/server: the reference server of Elasticsearch's close anomaly detection jobs API.
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { Cluster } from './cluster/cluster.js';
import { DEFAULT_ML_NODE_MEMORY_BYTES } from './cluster/ml-memory.js';
import { MemoryStore, type Store } from './cluster/store.js';
import { createInProcessHandler, type InProcessRequest, type InProcessResponse } from './http/in-process.js';
import { createPipeline, createRequestListener, type PipelineOptions } from './http/server.js';
import { Security } from './http/security.js';

export type { InProcessRequest, InProcessResponse } from './http/in-process.js';

export interface ServerOptions {
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Port to listen on; 0 picks a free port. @default 9200 */
  port?: number;
  /** Enables the test-control operations under /_mlclose/test. @default false */
  testControl?: boolean;
  /** API keys; `key` is the encoded value a client sends as `Authorization: ApiKey <key>`. Role defaults to `superuser`. */
  apiKeys?: { key: string; role?: string }[];
  /** Users for basic authentication. Role defaults to `superuser`. */
  users?: { name: string; password: string; role?: string }[];
  /** Directory for persistent state (SQLite). @default in memory */
  dataDir?: string;
  /** Origin allowed by CORS, for example 'http://127.0.0.1:5173' or '*'. @default CORS off */
  corsAllowOrigin?: string;
  /** How long a normal close takes on the node, in milliseconds. @default 20 */
  closeDelayMs?: number;
  /** How long opening a job takes, in milliseconds. @default 10 */
  openDelayMs?: number;
  /**
   * The ML node's machine memory in bytes. A job whose model_memory_limit does not fit in the node's ML memory
   * (30% of it, less overheads) cannot open, or waits for a node if it allows lazy open. @default 8 GiB
   */
  mlNodeMemoryBytes?: number;
}

export interface RunningServer {
  /** The base URL, such as `http://127.0.0.1:54321` (no trailing slash). */
  url: string;
  /** Stops listening, ends open connections, cancels pending work and closes the data store. */
  close(): Promise<void>;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

async function openStore(dataDir: string | undefined): Promise<Store> {
  if (!dataDir) return new MemoryStore();
  // Imported here, not at the top, so a server in memory never loads better-sqlite3's native add-on.
  const { SqliteStore } = await import('./cluster/sqlite-store.js');
  return new SqliteStore(dataDir);
}

/** The cluster, its store and the pipeline's options: what a listening and an in-process server share. */
async function openCluster(
  options: InProcessServerOptions,
): Promise<{ store: Store; cluster: Cluster; pipeline: PipelineOptions }> {
  const store = await openStore(options.dataDir);
  const cluster = new Cluster({
    store,
    closeDelayMs: options.closeDelayMs ?? 20,
    openDelayMs: options.openDelayMs ?? 10,
    mlNodeMemoryBytes: options.mlNodeMemoryBytes ?? DEFAULT_ML_NODE_MEMORY_BYTES,
  });
  const pipeline: PipelineOptions = {
    cluster,
    security: new Security({ apiKeys: options.apiKeys, users: options.users }),
    testControl: options.testControl ?? false,
    corsAllowOrigin: options.corsAllowOrigin,
    version: packageVersion(),
  };
  return { store, cluster, pipeline };
}

/** Starts the reference server; resolves once it is listening. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const { store, cluster, pipeline } = await openCluster(options);
  const listener = createRequestListener(pipeline);
  // TCP keep-alive on every connection, as Elasticsearch's http.tcp.keep_alive: a client that vanished without
  // closing its connection does not hold it forever.
  const server: Server = createServer({ keepAlive: true }, listener);
  // Elasticsearch keeps an idle connection open until the client closes it (no read timeout by default). Node's 5 s
  // would close it, and a Node 20 client, which gives an idle connection up at that same hint, could send a request
  // on one the server had just closed: a reset, which fails a POST that never arrived. 0: no idle timeout, and no
  // Keep-Alive hint header.
  server.keepAliveTimeout = 0;
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 9200, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    store.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${address.port}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        cluster.shutdown();
        server.close(() => {
          store.close();
          resolve();
        });
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

/** The options of an in-process server: those of startServer, less where to listen. */
export type InProcessServerOptions = Omit<ServerOptions, 'host' | 'port'>;

/** The reference server without a socket. */
export interface InProcessServer {
  /**
   * Answers one request as the listening server answers it (the same checks in the same order, the same status,
   * headers and body), less the header only a connection adds (Connection). Rejects with a TypeError a request
   * node:http could not have carried: an unknown method, a path that does not start with `/` or holds a space or
   * control character, a bad header name or value, a Transfer-Encoding, or a Content-Length other than the body's.
   */
  handle(request: InProcessRequest): Promise<InProcessResponse>;
  /** Cancels pending work, rejects every request still waiting for its answer, and closes the data store. */
  close(): Promise<void>;
}

/**
 * A reference server that answers in the same process, without listening: for tests that call it directly, or put it
 * behind a proxy of their own. Each one has its own cluster state.
 */
export async function createInProcessServer(options: InProcessServerOptions = {}): Promise<InProcessServer> {
  const { store, cluster, pipeline } = await openCluster(options);
  const handler = createInProcessHandler(createPipeline(pipeline));
  let closing: Promise<void> | undefined;
  return {
    handle: (request) => handler.handle(request),
    close() {
      closing ??= (async () => {
        handler.close();
        cluster.shutdown();
        store.close();
      })();
      return closing;
    },
  };
}
