import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import demoOrg from '../../../src/emulator/demo-org.json';

/** One of the colleagues added to the demo organisation for the tests with many people. */
export function colleague(index: number): { name: string; email: string } {
  const number = String(index).padStart(2, '0');
  return { name: `Colleague ${number}`, email: `colleague${number}@example.com` };
}

/**
 * The demo organisation plus `count` colleagues in Paris, each busy one hour a day of this week at a
 * different time (09:00 + index mod 6), so the common free time shrinks as people are added.
 */
export function bigOrgFile(count: number): string {
  const users = Array.from({ length: count }, (_, offset) => {
    const index = offset + 1;
    const { name, email } = colleague(index);
    return {
      id: `00000000-0000-0000-0000-0000000001${String(index).padStart(2, '0')}`,
      displayName: name,
      givenName: 'Colleague',
      surname: String(index).padStart(2, '0'),
      mail: email,
      userPrincipalName: email,
      timeZone: 'Europe/Paris',
    };
  });
  const events = users.flatMap((user, offset) =>
    [0, 1, 2, 3, 4].map((day) => {
      const hour = 9 + (offset % 6);
      return { owner: user.mail, subject: `Focus time ${offset + 1}`, day, start: `${String(hour).padStart(2, '0')}:00`, end: `${String(hour + 1).padStart(2, '0')}:00` };
    }),
  );
  const org = { ...demoOrg, users: [...demoOrg.users, ...users], events: [...demoOrg.events, ...events] };
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'csa-org-')), 'org.json');
  writeFileSync(file, JSON.stringify(org));
  return file;
}
