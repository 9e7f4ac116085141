/**
 * The needs board under `bench:needs`: the real app on its own SQLite file with synthetic needs, a coordinator
 * signed in through the login form, and the board's page requested through `app.inject`, beside a small page
 * behind the same login (the floor). Returns the milliseconds of each request.
 */
import path from 'node:path';
import { buildApp } from '../../src/composition/app';
import { loadConfig } from '../../src/config';
import { applyMigrations } from '../../src/infra/prisma/migrations';
import { RecordingMessenger } from '../../tests/fakes/recording-messenger';
import { createStaff, loginViaInject } from '../../tests/helpers/console';
import { seedCentre } from '../../tests/helpers/disaster-centre';
import { households, seedNeeds } from './seed';

const WARMUP = 5;

export interface BoardTimes {
  board: number[];
  filtered: number[];
  floor: number[];
  bytes: number;
  rows: number;
  filteredRows: number;
}

export async function boardTimes(o: { dir: string; needs: number; runs: number }): Promise<BoardTimes> {
  const url = `file:${path.join(o.dir, 'board.db')}`;
  await applyMigrations(url);
  const config = loadConfig({ DATABASE_URL: url, LINE_CHANNEL_SECRET: 'bench-secret', LINE_CHANNEL_ACCESS_TOKEN: 'bench-token', LOG_LEVEL: 'silent', NODE_ENV: 'production' });
  const app = await buildApp({ config, messenger: new RecordingMessenger(), skipMigrations: true, logger: false });
  try {
    await app.recover();
    const { centreId } = await seedCentre(app.db);
    await seedNeeds(app.db, centreId, households(o.needs, 5), 11);
    const { member, password } = await createStaff(app.db, { role: 'coordinator' });
    const login = await loginViaInject(app, member.loginId, password);
    const get = async (target: string) => {
      const start = performance.now();
      const res = await app.server.inject({ method: 'GET', url: target, headers: { cookie: login.cookie } });
      const took = performance.now() - start;
      if (res.statusCode !== 200) throw new Error(`GET ${target}: ${res.statusCode}`);
      return { took, body: res.body };
    };
    const boardUrl = `/console/disaster/centres/${centreId}/needs`;
    const filteredUrl = `${boardUrl}?district=kaigan&status=coordinating`;
    const floorUrl = `/console/disaster/centres/${centreId}`;
    const out: BoardTimes = { board: [], filtered: [], floor: [], bytes: 0, rows: 0, filteredRows: 0 };
    const rowsOf = (html: string) => (html.match(/\/console\/disaster\/needs\/need-/g) ?? []).length;
    for (let i = 0; i < o.runs + WARMUP; i++) {
      const board = await get(boardUrl);
      const filtered = await get(filteredUrl);
      const floor = await get(floorUrl);
      if (i < WARMUP) continue;
      out.board.push(board.took);
      out.filtered.push(filtered.took);
      out.floor.push(floor.took);
      out.bytes = board.body.length;
      out.rows = rowsOf(board.body);
      out.filteredRows = rowsOf(filtered.body);
    }
    return out;
  } finally {
    await app.close();
  }
}
