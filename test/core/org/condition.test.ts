import { describe, expect, it } from 'vitest';
import { evaluateForHub, negativeHubClauses, parseCondition, requiresPositiveHub, targetedHubs, type ConditionNode } from '../../../src/core/org/condition';

function node(text: string): ConditionNode {
  const parsed = parseCondition(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.node;
}
const at = (text: string, hub: string | null) => evaluateForHub(node(text), hub);

describe('parseCondition', () => {
  it('reads every hub operator, with or without "when"', () => {
    for (const text of [
      'when $searchHub is "A"',
      '$searchHub is not "A"',
      'when $searchHub contains "A"',
      'when $searchHub does not contain "A"',
      'when $searchHub matches /^A.*$/i',
      'when $searchHub does not match /x/',
      'when $searchHub is empty',
      'when $searchHub is not empty',
      'when ($searchHub is "A" or $searchHub is "B") and not $tab is "x"',
      'when $context[userRole] is "agent" and $searchHub is \'A\'',
    ]) {
      expect(parseCondition(text).ok, text).toBe(true);
    }
  });

  it('refuses what it does not understand, saying why', () => {
    for (const text of [
      '',
      'when',
      'when $searchHub is',
      'when $searchHub equals "A"',
      'when $searchHub is "A',
      'when ($searchHub is "A"',
      'when $searchHub is "A" xor $tab is "b"',
      'when hub is "A"',
    ]) {
      const parsed = parseCondition(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.error.length).toBeGreaterThan(0);
    }
  });
});

describe('evaluateForHub', () => {
  it('is / is not', () => {
    expect(at('when $searchHub is "Public"', 'Public')).toBe(true);
    expect(at('when $searchHub is "Public"', 'Agent')).toBe(false);
    expect(at('when $searchHub is not "Public"', 'Agent')).toBe(true);
    expect(at('when $searchHub is not "Public"', 'Public')).toBe(false);
    expect(at('when $searchHub is "Public"', null)).toBe(false);
  });

  it('contains / does not contain', () => {
    expect(at('when $searchHub contains "Comm"', 'Community')).toBe(true);
    expect(at('when $searchHub contains "Comm"', 'Agent')).toBe(false);
    expect(at('when $searchHub does not contain "Comm"', 'Agent')).toBe(true);
    expect(at('when $searchHub does not contain "Comm"', 'Community')).toBe(false);
  });

  it('matches / does not match', () => {
    expect(at('when $searchHub matches /^Comm.*$/', 'Community')).toBe(true);
    expect(at('when $searchHub matches /^Comm.*$/', 'Agent')).toBe(false);
    expect(at('when $searchHub does not match /^Comm.*$/', 'Agent')).toBe(true);
    expect(at('when $searchHub matches /(/', 'Agent')).toBe('unknown');
  });

  it("says unknown where Coveo's case or anchoring rules would change the answer", () => {
    expect(at('when $searchHub is "public"', 'Public')).toBe('unknown');
    expect(at('when $searchHub contains "comm"', 'Community')).toBe('unknown');
    expect(at('when $searchHub matches /Comm/', 'MyCommunity')).toBe('unknown');
    expect(at('when $searchHub matches /Comm/', 'Agent')).toBe(false);
  });

  it('OR-ed clauses: the first true wins; a clause on another object is unknown', () => {
    expect(at('when $searchHub is "A" or $searchHub is "B"', 'B')).toBe(true);
    expect(at('when $searchHub is "A" or $searchHub is "B"', 'C')).toBe(false);
    expect(at('when $searchHub is "A" or $tab is "x"', 'A')).toBe(true);
    expect(at('when $searchHub is "A" or $tab is "x"', 'C')).toBe('unknown');
    expect(at('when $searchHub is "A" and $tab is "x"', 'C')).toBe(false);
    expect(at('when $searchHub is "A" and $tab is "x"', 'A')).toBe('unknown');
    expect(at('when not ($searchHub is "A")', 'A')).toBe(false);
  });

  it('with others: false, another object is absent', () => {
    expect(evaluateForHub(node('when $searchHub is "A" and $tab is empty'), 'A', false)).toBe(true);
    expect(evaluateForHub(node('when $searchHub is "A" and $tab is "x"'), 'A', false)).toBe(false);
  });
});

describe('condition analysis', () => {
  it('requiresPositiveHub: every way in goes through a positive hub clause', () => {
    expect(requiresPositiveHub(node('when $searchHub is "A"'))).toBe(true);
    expect(requiresPositiveHub(node('when $searchHub is "A" and $tab is "x"'))).toBe(true);
    expect(requiresPositiveHub(node('when $searchHub is "A" or $searchHub matches /B/'))).toBe(true);
    expect(requiresPositiveHub(node('when $searchHub is "A" or $tab is "x"'))).toBe(false);
    expect(requiresPositiveHub(node('when $searchHub is not "A"'))).toBe(false);
    expect(requiresPositiveHub(node('when not ($searchHub is not "A")'))).toBe(true);
    expect(requiresPositiveHub(node('when $query contains "x"'))).toBe(false);
  });

  it('negativeHubClauses sees through not', () => {
    expect(negativeHubClauses(node('when not $searchHub is "A"')).map((c) => c.op)).toEqual(['is not']);
    expect(negativeHubClauses(node('when $searchHub does not match /x/ and $tab is not "y"')).map((c) => c.op)).toEqual(['does not match']);
    expect(negativeHubClauses(node('when $searchHub is "A"'))).toEqual([]);
  });

  it('targetedHubs lists the is values', () => {
    expect(targetedHubs(node('when $searchHub is "A" or ($searchHub is "B" and $tab is "x") or $searchHub contains "C"'))).toEqual(['A', 'B']);
  });
});
