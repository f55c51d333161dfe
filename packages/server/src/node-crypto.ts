// node:crypto, loaded by its first use instead of at start-up. Loading it took 5.2 to 6.6 ms in a fresh process here,
// out of a server start of about 90 ms, and a server in memory without credentials first needs it for a request: to
// make the cluster's ids, a document's id or an index's uuid. process.getBuiltinModule loads a built-in synchronously
// (Node 20.16 and later; the package needs 20.19).
import type * as NodeCrypto from 'node:crypto';

/** node:crypto; the first call loads it. */
export const nodeCrypto = (): typeof NodeCrypto => process.getBuiltinModule('node:crypto');
