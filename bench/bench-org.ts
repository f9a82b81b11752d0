import { writeFileSync } from 'node:fs';
import path from 'node:path';
import demoOrg from '../src/emulator/demo-org.json';
import type { DemoUser } from '../test/support/demo-users';

/** How many people the bench's load spreads over: one 1:1 chat each, as in Teams. */
export const benchPeopleCount = 200;

/** The bench's people, each with a mailbox in the emulator; every other one writes in French. */
export const benchPeople: DemoUser[] = Array.from({ length: benchPeopleCount }, (_, i) => ({
  aadObjectId: `00000000-0000-0000-0000-b${String(i).padStart(11, '0')}`,
  name: `Bench Person ${i}`,
  email: `bench${i}@example.com`,
  locale: i % 2 ? 'fr-FR' : 'en-US',
}));

/** Whose calendar person `i` has been given: the one before them, in a ring. */
export const sharerOf = (i: number): DemoUser => benchPeople[(i + benchPeopleCount - 1) % benchPeopleCount];

/** Meetings of one person's week: Monday to Friday, two a day. */
function weekOf(person: DemoUser, i: number) {
  return Array.from({ length: 10 }, (_, n) => ({
    owner: person.email,
    subject: `Bench meeting ${n + 1}`,
    day: Math.floor(n / 2),
    start: n % 2 ? '14:00' : '09:30',
    end: n % 2 ? '15:00' : '10:30',
    location: `Room ${(i % 9) + 1}`,
    body: 'Weekly planning: goals, blockers, next steps.',
  }));
}

/**
 * The demo organisation plus the bench's people, written as JSON for the emulator's `--org`: each has a
 * primary and a project calendar and a week of meetings, and has been given read access to the primary
 * calendar of the person before them.
 */
export function writeBenchOrg(dir: string): string {
  const org = {
    ...demoOrg,
    users: [
      ...demoOrg.users,
      ...benchPeople.map((person, i) => ({
        id: person.aadObjectId,
        displayName: person.name,
        givenName: 'Bench',
        surname: `Person ${i}`,
        mail: person.email,
        userPrincipalName: person.email,
        jobTitle: null,
        timeZone: 'Europe/Paris',
        calendars: [{ name: 'Project', color: 'lightBlue' }],
      })),
    ],
    shares: [...demoOrg.shares, ...benchPeople.map((person, i) => ({ owner: sharerOf(i).email, recipient: person.email, role: 'read' }))],
    events: [...demoOrg.events, ...benchPeople.flatMap(weekOf)],
  };
  const file = path.join(dir, 'bench-org.json');
  writeFileSync(file, JSON.stringify(org));
  return file;
}
