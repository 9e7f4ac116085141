/**
 * The feature modules the service runs, in order. Adding a module: its folders in each layer it needs, its
 * composition file beside this one, and one line here (see docs/architecture.md).
 */
import { complaintsModule } from './complaints';
import { consultationModule } from './consultation';
import { disasterModule } from './disaster';
import { donationsModule } from './donations';
import { eventsModule } from './events';
import { faqModule } from './faq';
import { faqLoopModule } from './faq-loop';
import type { AppModule } from './module';
import { volunteersModule } from './volunteers';

export type { AppModule, ModuleDeps, ModuleJob } from './module';

export const MODULES: readonly AppModule[] = [consultationModule, eventsModule, volunteersModule, donationsModule, disasterModule, faqModule, faqLoopModule, complaintsModule];
