// Type tests of the public contract other packages embed. A .test-d.ts file: the typecheck task (tsc on
// tsconfig.json) checks it, so a wrong type fails `pnpm typecheck` (expectTypeOf does nothing at run time).
import { describe, expectTypeOf, it } from 'vitest';
import { startServer, type RunningServer, type ServerOptions } from '../src/index.js';

describe('public API types', () => {
  it('startServer takes optional ServerOptions and resolves to a RunningServer', () => {
    expectTypeOf(startServer).parameter(0).toEqualTypeOf<ServerOptions | undefined>();
    expectTypeOf(startServer).returns.resolves.toEqualTypeOf<RunningServer>();
    expectTypeOf<RunningServer['url']>().toEqualTypeOf<string>();
    expectTypeOf<RunningServer['close']>().toEqualTypeOf<() => Promise<void>>();
  });

  it('ServerOptions has exactly the contract fields', () => {
    expectTypeOf<keyof ServerOptions>().toEqualTypeOf<
      | 'host'
      | 'port'
      | 'testControl'
      | 'apiKeys'
      | 'users'
      | 'dataDir'
      | 'corsAllowOrigin'
      | 'closeDelayMs'
      | 'openDelayMs'
      | 'mlNodeMemoryBytes'
    >();
    expectTypeOf<NonNullable<ServerOptions['apiKeys']>[number]>().toEqualTypeOf<{
      key: string;
      role?: string;
    }>();
    expectTypeOf<NonNullable<ServerOptions['users']>[number]>().toEqualTypeOf<{
      name: string;
      password: string;
      role?: string;
    }>();
  });

  it('rejects wrong option types', () => {
    // @ts-expect-error port is a number
    void startServer({ port: '9200' });
    // @ts-expect-error there is no such option
    void startServer({ tls: true });
  });
});
