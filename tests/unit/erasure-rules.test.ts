// Under test: the erasure rules (src/infra/prisma/erasure-rules.ts) against prisma/schema.prisma, read as text:
// every model has a rule, no rule names a model or field that does not exist, and an anonymising rule blanks
// every field that holds a LINE user id, a name or a phone. Nothing is faked.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ERASURE_RULES } from '../../src/infra/prisma/erasure-rules';

const SCHEMA = readFileSync(path.resolve(import.meta.dirname, '..', '..', 'prisma', 'schema.prisma'), 'utf8');

/** Each model of the schema with its scalar and relation field names. */
function models(schema: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const fields = (m[2] ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('//') && !line.startsWith('@@'))
      .map((line) => line.split(/\s+/)[0] as string);
    out.set(m[1] as string, fields);
  }
  return out;
}

const MODELS = models(SCHEMA);

/** Fields that name or reach a person: an anonymised table must blank each it has. */
const PERSONAL = ['lineUserId', 'name', 'phone', 'address', 'emergencyContact', 'reporterName', 'reporterPhone', 'householdName'];

describe('erasure rules', () => {
  test('the schema is read (sanity)', () => {
    expect(MODELS.size).toBeGreaterThan(40);
    expect(MODELS.get('Resident')).toContain('lineUserId');
  });

  test.each([...MODELS.keys()])('model %s has a rule with a reason', (model) => {
    const rule = ERASURE_RULES[model];
    expect(rule, `prisma model ${model} has no entry in ERASURE_RULES (src/infra/prisma/erasure-rules.ts)`).toBeDefined();
    expect(rule?.reason.length).toBeGreaterThan(5);
    // What the erasure page tells staff, in Japanese.
    if (rule && rule.rule !== 'none') expect(rule.staff).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  test('every rule names a model of the schema, and an anonymising rule only its fields', () => {
    for (const [model, rule] of Object.entries(ERASURE_RULES)) {
      const fields = MODELS.get(model);
      expect(fields, `ERASURE_RULES names ${model}, which is not a model`).toBeDefined();
      if (rule.rule === 'anonymise') for (const f of rule.fields) expect(fields, `${model}.${f}`).toContain(f);
    }
  });

  test('an anonymised table blanks every field that names or reaches the person', () => {
    for (const [model, rule] of Object.entries(ERASURE_RULES)) {
      if (rule.rule !== 'anonymise') continue;
      const personal = (MODELS.get(model) ?? []).filter((f) => PERSONAL.includes(f));
      expect(rule.fields, model).toEqual(expect.arrayContaining(personal));
    }
  });

  test('a table with a LINE user id or a personal field is never left as it is, except the kept records listed', () => {
    const keptAsIs = new Set(['AuditLog', 'DataRequest', 'ResidentErasure', 'StaffUser', 'CouncilEvent', 'WantedItem', 'DisasterCentre', 'EquipmentKind']);
    for (const [model, fields] of MODELS) {
      const personal = fields.filter((f) => PERSONAL.includes(f) || f === 'residentId' || f === 'userKey');
      if (personal.length && ERASURE_RULES[model]?.rule === 'none') expect(keptAsIs, `${model} has ${personal.join(', ')} but its rule is none`).toContain(model);
    }
  });
});
