// The browser scene of the disaster centre's tests: the real app in simulator mode, a coordinator (tanaka), and one
// Chromium with two tabs — the LINE simulator page and the staff console.
import type { Page } from 'playwright-core';
import type { AppModule } from '../../src/composition/modules';
import type { Clock } from '../../src/domain/ports';
import type { FakeLineState } from '../../src/simulator/fake-line/fake-line-api';
import { launchBrowser, type TestBrowser } from './browser';
import { createStaff } from './console';
import { startSimulatorApp, type SimulatorApp } from './simulator-app';
import { SimulatorPage } from './simulator-page';

export interface TwoTabs {
  sim: SimulatorApp;
  state: FakeLineState;
  browser: TestBrowser;
  /** The simulator tab, as a resident uses it. */
  line: SimulatorPage;
  /** The console tab (not yet signed in). */
  staff: Page;
  close(): Promise<void>;
}

/** Starts the app on `clock` (with `modules` when given), creates the coordinator tanaka and opens both tabs. */
export async function openTwoTabs(opts: { clock: Clock; modules?: readonly AppModule[]; env?: Record<string, string> }): Promise<TwoTabs> {
  const sim = await startSimulatorApp(opts);
  await createStaff(sim.app.db, { role: 'coordinator', loginId: 'tanaka', displayName: '田中 みのる' });
  const browser = await launchBrowser({ viewport: { width: 1280, height: 1000 } });
  return {
    sim,
    state: sim.state,
    browser,
    line: new SimulatorPage(browser.page),
    staff: await browser.context.newPage(),
    async close() {
      await browser.close();
      await sim.close();
    },
  };
}
