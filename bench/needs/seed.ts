/**
 * Synthetic needs for `bench:needs`, from a seeded PRNG (the same data every run): households on a grid of
 * 丁目/番/号 in six 町 of one ward, pins within about 3 km, phones, 1–3 reports each, statuses spread over the board.
 * Written through Prisma in chunks, with the comparison keys the service stores.
 */
import { fingerprintKeys } from '../../src/domain/disaster/duplicates';
import { NEED_FLAGS, NEED_STATUSES, WORK_KINDS, DAMAGE_KINDS } from '../../src/domain/disaster/needs';
import type { Db } from '../../src/infra/prisma/database';
import { seededRandom } from '../../tests/fakes/seeded-random';

const TOWNS = ['港南', '日野', '港南台', '上大岡西', '最戸', '野庭町'];
// The demo profile's district codes, so the board's district filter knows them.
const DISTRICTS = ['kaigan', 'shiomidai', 'sakurazaka', 'midorimachi', 'hamakaze', 'wakakusa'];
/** 港南区役所 (Konan ward office), the middle of the synthetic ward. */
const CENTRE = { latitude: 35.391, longitude: 139.591 };

/** One synthetic household: how it was written at intake, and its pin. */
export interface Household {
  address: string;
  phone: string;
  latitude: number;
  longitude: number;
  district: string;
}

/** A household's address as a resident might type it, in one of several equivalent forms. */
export function writtenAddress(town: string, chome: number, ban: number, go: number, form: number): string {
  const wide = (n: number) => String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  switch (form % 4) {
    case 0:
      return `横浜市港南区${town}${chome}丁目${ban}番${go}号`;
    case 1:
      return `横浜市港南区${town}${wide(chome)}−${wide(ban)}−${wide(go)}`;
    case 2:
      return `〒233-0003 横浜市港南区${town} ${chome}-${ban}-${go}`;
    default:
      return `横浜市港南区${town}${chome}丁目${ban}-${go}`;
  }
}

/** `count` households, deterministic for a seed. */
export function households(count: number, seed: number): Household[] {
  const rand = seededRandom(seed);
  const out: Household[] = [];
  for (let i = 0; i < count; i++) {
    const t = Math.floor(rand() * TOWNS.length);
    const [chome, ban, go] = [1 + Math.floor(rand() * 6), 1 + Math.floor(rand() * 40), 1 + Math.floor(rand() * 30)];
    out.push({
      address: writtenAddress(TOWNS[t]!, chome, ban, go, Math.floor(rand() * 4)),
      phone: `045-${String(800 + Math.floor(rand() * 199)).padStart(3, '0')}-${String(Math.floor(rand() * 10_000)).padStart(4, '0')}`,
      latitude: CENTRE.latitude + (rand() - 0.5) * 0.054,
      longitude: CENTRE.longitude + (rand() - 0.5) * 0.066,
      district: DISTRICTS[t]!,
    });
  }
  return out;
}

/** Writes one need per household into the centre, with its reports; returns the needs' ids in household order. */
export async function seedNeeds(db: Db, centreId: string, homes: readonly Household[], seed: number): Promise<string[]> {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const at = new Date('2026-11-20T09:00:00+09:00');
  const ids: string[] = [];
  const CHUNK = 500;
  for (let start = 0; start < homes.length; start += CHUNK) {
    const needs = homes.slice(start, start + CHUNK).map((h, k) => {
      const i = start + k;
      const id = `need-${String(i).padStart(6, '0')}`;
      ids.push(id);
      const since = new Date(at.getTime() + Math.floor(rand() * 14 * 86_400_000));
      return {
        id,
        referenceNo: `N-261120-${i.toString(36).toUpperCase().padStart(4, '0')}`,
        centreId,
        status: pick(NEED_STATUSES),
        statusSince: since,
        priority: pick(['high', 'medium', 'medium', 'low']),
        flags: JSON.stringify(NEED_FLAGS.filter(() => rand() < 0.05)),
        householdName: `住民 ${i}`,
        address: h.address,
        ...fingerprintKeys(h),
        latitude: h.latitude,
        longitude: h.longitude,
        districtCode: h.district,
        damage: JSON.stringify([pick(DAMAGE_KINDS)]),
        work: JSON.stringify(WORK_KINDS.filter(() => rand() < 0.3)),
        contactMethod: rand() < 0.7 ? 'line' : 'phone',
        phone: h.phone,
        createdAt: since,
        updatedAt: since,
      };
    });
    await db.need.createMany({ data: needs });
    await db.needReport.createMany({
      data: needs.flatMap((n, k) =>
        Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, r) => ({
          id: `${n.id}-r${r}`,
          needId: n.id,
          channel: r === 0 ? 'line' : pick(['phone', 'counter', 'line']),
          relation: r === 0 ? 'self' : pick(['family', 'neighbour', 'welfareCommissioner']),
          residentId: `resident-${start + k}-${r}`,
          content: '{}',
          createdAt: n.createdAt,
        })),
      ),
    });
  }
  return ids;
}
