import type { TestProject } from 'vitest/node';
import { provideTemplate } from '@server/core/testing.setup';

/** The browser tests' template database holds the demo data (server/core/testing.setup.ts). */
export default function setup(project: TestProject) {
  return provideTemplate(project, true);
}
