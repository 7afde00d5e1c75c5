/** Every lesson, in the order of the table of contents. */
import { leaderCrash } from './leader-crash.ts';
import { startupElection } from './startup-election.ts';
import type { Lesson } from './types.ts';

export const LESSONS: Lesson[] = [startupElection, leaderCrash];
