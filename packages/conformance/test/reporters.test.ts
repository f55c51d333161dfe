// Console progress: one updating line on a TTY, plain lines otherwise; the seed and verdict are always printed.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { consoleReporter, runConformance } from '../src/index.js';

function capture(isTTY: boolean): { stream: Writable & { isTTY: boolean }; text: () => string } {
  let text = '';
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        text += chunk.toString();
        callback();
      },
    }),
    { isTTY },
  );
  return { stream, text: () => text };
}

describe('consoleReporter', () => {
  it.each([true, false])('prints progress (TTY %s), the seed and the verdict', async (isTTY) => {
    const out = capture(isTTY);
    await runConformance({
      seed: 31,
      only: ['supporting/info', 'route/options'],
      reporters: [consoleReporter({ stream: out.stream })],
    });
    const text = out.text();
    expect(text).toContain('seed 31');
    expect(text).toContain('verdict: CONFORMANT');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the TTY progress line is redrawn with CR and ESC[2K.
    if (isTTY) expect(text).toMatch(/\r\x1b\[2K\[3\/3\] passed 3/);
    else expect(text).not.toContain('\x1b[');
  });
});
