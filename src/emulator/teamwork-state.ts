import { randomUUID } from 'node:crypto';

/**
 * The tenant's Teams app catalog and per-user installations (in memory: tests and demos publish
 * the app and block it for someone through the emulator control, as an admin would in Teams).
 */
export class TeamworkState {
  /** externalId (the manifest id) → catalog id. */
  private readonly catalog = new Map<string, string>();
  /** userId → catalog id → installation id. */
  private readonly installs = new Map<string, Map<string, string>>();
  /** Users an app permission policy blocks the app for. */
  private readonly blocked = new Set<string>();

  publish(externalId: string): string {
    const existing = this.catalog.get(externalId);
    if (existing) return existing;
    const id = randomUUID();
    this.catalog.set(externalId, id);
    return id;
  }

  catalogApps(): Array<{ id: string; externalId: string }> {
    return [...this.catalog].map(([externalId, id]) => ({ id, externalId }));
  }

  isPublished(catalogId: string): boolean {
    return [...this.catalog.values()].includes(catalogId);
  }

  block(userId: string): void {
    this.blocked.add(userId.toLowerCase());
  }

  isBlocked(userId: string): boolean {
    return this.blocked.has(userId.toLowerCase());
  }

  installationOf(userId: string, catalogId: string): string | undefined {
    return this.installs.get(userId.toLowerCase())?.get(catalogId);
  }

  install(userId: string, catalogId: string): string {
    const mine = this.installs.get(userId.toLowerCase()) ?? new Map<string, string>();
    const id = Buffer.from(`${userId}##${catalogId}`).toString('base64url');
    mine.set(catalogId, id);
    this.installs.set(userId.toLowerCase(), mine);
    return id;
  }

  installations(userId: string): Array<{ id: string; catalogId: string }> {
    return [...(this.installs.get(userId.toLowerCase()) ?? new Map<string, string>())].map(([catalogId, id]) => ({ id, catalogId }));
  }
}

export const teamwork = new WeakMap<object, TeamworkState>();

/** The teamwork state of one emulator (keyed by its store). */
export function teamworkOf(store: object): TeamworkState {
  const existing = teamwork.get(store);
  if (existing) return existing;
  const created = new TeamworkState();
  teamwork.set(store, created);
  return created;
}
