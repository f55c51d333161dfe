import { describe, expect, it } from 'vitest';
import { REQUIREMENTS } from '../src/index.js';
import { spec } from '../src/spec.js';

const ids = new Set<string>(REQUIREMENTS.map((r) => r.id));

function citedIds(): string[] {
  const text = JSON.stringify({ ...spec, 'x-requirements': undefined });
  return [...new Set(text.match(/CJ-[A-Z]+-\d{3}/g) ?? [])];
}

describe('requirement catalogue', () => {
  it('has between 60 and 150 requirements with unique, well-formed ids', () => {
    expect(REQUIREMENTS.length).toBeGreaterThanOrEqual(60);
    expect(REQUIREMENTS.length).toBeLessThanOrEqual(150);
    expect(ids.size).toBe(REQUIREMENTS.length);
    for (const r of REQUIREMENTS) expect(r.id).toMatch(/^CJ-[A-Z]+-\d{3}$/);
  });

  it('every requirement has a one-line statement, a source and a reach', () => {
    for (const r of REQUIREMENTS) {
      expect(r.statement.length, r.id).toBeGreaterThan(10);
      expect(r.statement, r.id).not.toMatch(/\n/);
      expect(r.source, r.id).toBeTruthy();
      // Sources are Elasticsearch class names (or docs, supporting, mlclose), never a document outside the repo.
      expect(r.source, r.id).toMatch(
        /^(?:docs|supporting|mlclose|[A-Z][A-Za-z]*(?:\.[A-Za-z_]+)*(?:, [A-Z][A-Za-z]*(?:\.[A-Za-z_]+)*)*)$/,
      );
      expect(['standard', 'test-control', 'security', 'none']).toContain(r.reach);
    }
  });

  it('every id the spec cites is in the catalogue', () => {
    const unknown = citedIds().filter((id) => !ids.has(id));
    expect(unknown).toEqual([]);
  });

  it('marks what was derived but not observed (verified: false)', () => {
    const unverified = REQUIREMENTS.filter((r) => !r.verified).map((r) => r.id);
    expect(unverified).toContain('CJ-TIMEOUT-005');
    expect(unverified).toContain('CJ-BODY-009');
  });
});
