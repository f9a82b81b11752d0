import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { DemoOrg, DirectoryUser } from './org-schema';
import { seedState } from './seed';
import { emulatorStateSchema, type EmulatorState } from './state';

export interface StoreOptions {
  org: DemoOrg;
  clock: Clock;
  /** Where state survives restarts; undefined keeps it in memory. */
  stateFile?: string;
  logger: Logger;
}

/** The directory (fixed, from the org file) and the mailboxes (changing, optionally persisted). */
export class EmulatorStore {
  readonly org: DemoOrg;
  readonly clock: Clock;
  private current: EmulatorState;

  constructor(private readonly options: StoreOptions) {
    this.org = options.org;
    this.clock = options.clock;
    this.current = this.load();
  }

  get state(): EmulatorState {
    return this.current;
  }

  /** Back to the seed, placed around the clock's current week. */
  reset(): void {
    this.current = seedState(this.org, this.clock);
    this.save();
  }

  /** Applies a change and persists it, so a crash never loses an acknowledged write. */
  change<T>(apply: (state: EmulatorState) => T): T {
    const result = apply(this.current);
    this.save();
    return result;
  }

  /**
   * A directory user by the key Graph documents for `/users/{key}`: object id or userPrincipalName
   * (case-insensitive). A mail address that is not also the UPN names nobody there.
   */
  findUserByKey(key: string): DirectoryUser | undefined {
    const wanted = key.trim().toLowerCase();
    return this.org.users.find((user) => user.id.toLowerCase() === wanted || user.userPrincipalName.toLowerCase() === wanted);
  }

  /** A directory user by object id, userPrincipalName or mail (case-insensitive): recipients, attendees, schedules. */
  findUser(idOrAddress: string): DirectoryUser | undefined {
    const key = idOrAddress.trim().toLowerCase();
    return this.org.users.find((user) => user.id.toLowerCase() === key || user.mail === key || user.userPrincipalName.toLowerCase() === key);
  }

  /** A directory user or a mailbox of another organisation: for calendars shared across organisations. */
  findMailbox(idOrAddress: string): DirectoryUser | undefined {
    const key = idOrAddress.trim().toLowerCase();
    return this.findUser(key) ?? this.org.outsideMailboxes.find((user) => user.id.toLowerCase() === key || user.mail === key);
  }

  private load(): EmulatorState {
    const file = this.options.stateFile;
    if (!file || !existsSync(file)) {
      const seeded = seedState(this.org, this.clock);
      this.current = seeded;
      this.save();
      return seeded;
    }
    const parsed = emulatorStateSchema.safeParse(safeJson(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
    // A state file from an older emulator or a broken write: keep it for inspection and start afresh.
    const aside = `${file}.invalid-${this.clock.now().getTime()}`;
    renameSync(file, aside);
    this.options.logger.warn({ aside }, 'emulator state file was unreadable; restored the demo organisation');
    const seeded = seedState(this.org, this.clock);
    this.current = seeded;
    this.save();
    return seeded;
  }

  private save(): void {
    const file = this.options.stateFile;
    if (!file) return;
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.current, null, 1));
    renameSync(temporary, file);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
