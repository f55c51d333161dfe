// Requirement traceability: every requirement a portable test can reach has at least one check, and every
// check cites only catalogued requirements.
import { REQUIREMENTS } from '@mlclose/schema';
import { describe, expect, it } from 'vitest';
import { allChecks } from '../src/checks/index.js';

const checks = allChecks();
const known = new Set<string>(REQUIREMENTS.map((r) => r.id));

describe('the check catalogue', () => {
  it.each(REQUIREMENTS.filter((r) => r.reach !== 'none').map((r) => [r.id, r.reach] as const))(
    '%s (reach %s) has a check',
    (id) => {
      expect(
        checks.filter((check) => (check.requirements as readonly string[]).includes(id)).map((c) => c.id),
      ).not.toEqual([]);
    },
  );

  it('cites only requirement ids from the catalogue', () => {
    const unknown = checks.flatMap((check) =>
      check.requirements.filter((id) => !known.has(id)).map((id) => `${check.id}: ${id}`),
    );
    expect(unknown).toEqual([]);
  });

  it('is built once and shared frozen: a caller gets its own array, and no run can change a definition', () => {
    const again = allChecks();
    expect(again).not.toBe(checks);
    expect(again.length).toBe(checks.length);
    expect(again.every((check, index) => check === checks[index])).toBe(true);
    again.pop();
    expect(allChecks().length).toBe(checks.length);
    const first = checks[0]!;
    expect(() => Object.assign(first, { title: 'changed' })).toThrow(TypeError);
    expect(() => (first.requirements as string[]).push('CJ-NOPE-001')).toThrow(TypeError);
    expect(checks.every((check) => Object.isFrozen(check) && Object.isFrozen(check.requirements))).toBe(true);
  });

  it('has unique check ids, each citing at least one requirement', () => {
    expect(new Set(checks.map((c) => c.id)).size).toBe(checks.length);
    expect(checks.filter((c) => c.requirements.length === 0)).toEqual([]);
  });

  it('gates every test-control and security requirement behind a need or a runtime skip', () => {
    const byId = new Map(REQUIREMENTS.map((r) => [r.id as string, r]));
    const security = checks.filter((c) => c.requirements.some((id) => byId.get(id)?.reach === 'security'));
    for (const check of security) expect(check.needs ?? [], check.id).toContain('credentials');
  });
});
