import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const rootDir = path.resolve(__dirname, '..', '..');

const user = z.object({
  id: z.string(),
  name: z.string(),
  userPrincipleName: z.string(),
  aadObjectId: z.string(),
  givenName: z.string(),
  surname: z.string(),
  email: z.string(),
});
type PlaygroundUser = z.infer<typeof user>;

const playgroundConfig = z.object({
  version: z.literal('0.1.1'),
  tenantId: z.string(),
  bot: z.object({ id: z.string(), name: z.string() }),
  currentUser: user,
  users: z.array(user),
  personalChat: z.object({ id: z.string() }),
  groupChat: z.object({ id: z.string(), name: z.string() }),
  team: z.object({ id: z.string(), name: z.string(), aadGroupId: z.string(), channels: z.array(z.object({ id: z.string(), name: z.string() })) }),
});

const demoOrg = z.object({
  tenantId: z.string(),
  users: z.array(z.object({ id: z.string(), displayName: z.string(), mail: z.string(), userPrincipalName: z.string() })),
});

const readConfig = (file: string) => playgroundConfig.parse(parseYaml(readFileSync(path.join(rootDir, file), 'utf8')));
const org = demoOrg.parse(JSON.parse(readFileSync(path.join(rootDir, 'src', 'emulator', 'demo-org.json'), 'utf8')));
const localEnv = parseDotenv(readFileSync(path.join(rootDir, 'env', '.env.local')));

/** The playground's own defaults, which are also the emulator's demo people. */
const expectedPeople: Record<string, { aadObjectId: string; email: string; userPrincipleName: string }> = {
  'Alex Wilber': { aadObjectId: '00000000-0000-0000-0000-0000000000020', email: 'alexw@example.com', userPrincipleName: 'alexw@example.com' },
  'Megan Bowen': { aadObjectId: '00000000-0000-0000-0000-0000000000021', email: 'meganb@example.com', userPrincipleName: 'meganb@example.com' },
  'Adele Vance': { aadObjectId: '00000000-0000-0000-0000-0000000000022', email: 'adelev@example.com', userPrincipleName: 'adelev@example.com' },
  'Isaiah Langer': { aadObjectId: '00000000-0000-0000-0000-0000000000023', email: 'isaiahl@example.com', userPrincipleName: 'isaiah@example.com' },
  'Patti Fernandez': { aadObjectId: '00000000-0000-0000-0000-0000000000024', email: 'pattif@example.com', userPrincipleName: 'pattif@example.com' },
  'Lynne Robbins': { aadObjectId: '00000000-0000-0000-0000-0000000000025', email: 'lynner@example.com', userPrincipleName: 'lynner@example.com' },
};

const files = [
  { file: '.m365agentsplayground.yml', current: 'Alex Wilber' },
  { file: 'playground/megan.m365agentsplayground.yml', current: 'Megan Bowen' },
  { file: 'playground/lynne.m365agentsplayground.yml', current: 'Lynne Robbins' },
];

const summary = (person: PlaygroundUser) => ({ aadObjectId: person.aadObjectId, email: person.email, userPrincipleName: person.userPrincipleName });

describe('Agents Playground configs', () => {
  it('the default config has Alex as current user and exactly the 5 expected other users', () => {
    const config = readConfig('.m365agentsplayground.yml');
    expect(config.currentUser.aadObjectId).toBe('00000000-0000-0000-0000-0000000000020');
    expect(config.users).toHaveLength(5);
    expect(config.users.map((person) => person.aadObjectId)).toEqual([
      '00000000-0000-0000-0000-0000000000021',
      '00000000-0000-0000-0000-0000000000022',
      '00000000-0000-0000-0000-0000000000023',
      '00000000-0000-0000-0000-0000000000024',
      '00000000-0000-0000-0000-0000000000025',
    ]);
    expect(config).toMatchObject({ tenantId: '00000000-0000-0000-0000-0000000000001', bot: { name: 'Calendar Sharing Assistant' } });
  });

  it.each(files)('$file: $current plus the other 5 demo people, with their ids and emails', ({ file, current }) => {
    const config = readConfig(file);
    expect(config.currentUser.name).toBe(current);
    expect(config.users).toHaveLength(5);
    const everyone = [config.currentUser, ...config.users];
    expect(Object.fromEntries(everyone.map((person) => [person.name, summary(person)]))).toEqual(expectedPeople);
    expect(new Set(everyone.map((person) => person.id)).size).toBe(6);
    // The playground also rejects duplicate chat, team and channel ids.
    const conversationIds = [config.personalChat.id, config.groupChat.id, config.team.id, ...config.team.channels.map((channel) => channel.id)];
    expect(new Set(conversationIds).size).toBe(conversationIds.length);
    expect(config.team.channels.length).toBeLessThanOrEqual(1);
  });

  it.each(files)('$file: matches the Graph emulator demo organisation and env/.env.local', ({ file }) => {
    const config = readConfig(file);
    expect(config.tenantId).toBe(org.tenantId);
    expect(config.tenantId).toBe(localEnv.ALLOWED_TENANT_IDS);
    expect(config.bot.id).toBe(localEnv.BOT_ID);
    for (const person of [config.currentUser, ...config.users]) {
      const orgUser = org.users.find((candidate) => candidate.id === person.aadObjectId);
      expect({ name: orgUser?.displayName, email: orgUser?.mail, upn: orgUser?.userPrincipalName }).toEqual({
        name: person.name,
        email: person.email,
        upn: person.userPrincipleName,
      });
    }
  });

  it('keeps a user id with the same person, and gives each person their own 1:1 chat', () => {
    const configs = files.map(({ file }) => readConfig(file));
    const idsByName = configs.map((config) =>
      Object.fromEntries([config.currentUser, ...config.users].map((person) => [person.name, person.id])),
    );
    expect(idsByName[1]).toEqual(idsByName[0]);
    expect(idsByName[2]).toEqual(idsByName[0]);
    expect(new Set(configs.map((config) => config.personalChat.id)).size).toBe(3);
  });

  it('makes the helpdesk person of env/.env.local the current user of lynne.m365agentsplayground.yml', () => {
    expect(localEnv.HELPDESK_USERS).toBe(readConfig('playground/lynne.m365agentsplayground.yml').currentUser.email);
  });
});
