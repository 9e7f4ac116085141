// Under test: the council profile's `retention:` section (defaults, bounds) and the pure cut-offs of
// src/domain/retention-policy.ts. Nothing faked: the demo profile file is read as the service reads it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseCouncilProfile } from '../../src/domain/council-profile';
import { DEFAULT_RETENTION_POLICY, RETENTION_RULE_INFO, RETENTION_RULES, retentionCutoff } from '../../src/domain/retention-policy';
import { errorOf } from '../helpers/domain-error';

const demo = () => parseYaml(readFileSync(fileURLToPath(new URL('../../profiles/demo-council.yaml', import.meta.url)), 'utf8')) as Record<string, unknown>;

describe('retention policy', () => {
  it('the demo profile states the defaults; a profile without the section gets them', () => {
    expect(parseCouncilProfile(demo()).retention).toEqual(DEFAULT_RETENTION_POLICY);
    const { retention: _, ...without } = demo();
    expect(parseCouncilProfile(without).retention).toEqual(DEFAULT_RETENTION_POLICY);
  });

  it('one rule may be changed alone; the others keep their defaults', () => {
    expect(parseCouncilProfile({ ...demo(), retention: { auditLog: 3650 } }).retention).toEqual({ ...DEFAULT_RETENTION_POLICY, auditLog: 3650 });
  });

  it('refuses periods below what the service needs (LINE redelivery, this month\'s quota figures) and unknown rules', () => {
    expect(errorOf(() => parseCouncilProfile({ ...demo(), retention: { webhookPayloads: 1 } })).message).toContain('retention.webhookPayloads');
    expect(errorOf(() => parseCouncilProfile({ ...demo(), retention: { broadcastDeliveries: 30 } })).message).toContain('retention.broadcastDeliveries');
    expect(errorOf(() => parseCouncilProfile({ ...demo(), retention: { messages: 30 } })).message).toContain('retention');
  });

  it('every rule has a reason and a default inside its bounds; the audit log is kept longest', () => {
    for (const r of RETENTION_RULES) {
      const info = RETENTION_RULE_INFO[r];
      expect(info.reason.length).toBeGreaterThan(10);
      expect(info.days).toBeGreaterThanOrEqual(info.min);
      expect(info.days).toBeLessThanOrEqual(info.max);
      expect(DEFAULT_RETENTION_POLICY.auditLog).toBeGreaterThanOrEqual(info.days);
    }
  });

  it('the cut-off is the given days before now', () => {
    expect(retentionCutoff(new Date('2026-12-31T00:00:00Z'), 30)).toEqual(new Date('2026-12-01T00:00:00Z'));
  });
});
