import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Clock } from '../clock';
import { commandNames, type CommandName } from '../dialogs/commands';
import { offeredRoles } from '../sharing/roles';
import type { DatabaseSchema } from '../storage/schema';

export interface ConversationContextTable {
  user_id: string;
  command: string;
  /** The entities of that request other than people, as JSON (level, client, symptom, date range). */
  entities: string;
  updated_at: string;
}

const entitiesSchema = z.object({
  level: z.enum(offeredRoles).optional(),
  client: z.string().max(60).optional(),
  symptom: z.string().max(60).optional(),
  dateRange: z.object({ startInDays: z.number(), days: z.number() }).optional(),
});
export type ContextEntities = z.infer<typeof entitiesSchema>;

export interface ConversationContext {
  command: CommandName;
  entities: ContextEntities;
}

/** After this long without a message, a follow-up no longer continues the old request. */
const contextLifetimeMs = 60 * 60_000;

/** The last request of each person, one row per person, in the bot's database. */
export class ConversationContextStore {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: Clock,
  ) {}

  async remember(userId: string, context: ConversationContext): Promise<void> {
    const row = { user_id: userId, command: context.command, entities: JSON.stringify(context.entities), updated_at: this.clock.now().toISOString() };
    await this.db
      .insertInto('conversation_context')
      .values(row)
      .onConflict((conflict) => conflict.column('user_id').doUpdateSet({ command: row.command, entities: row.entities, updated_at: row.updated_at }))
      .execute();
  }

  async recall(userId: string): Promise<ConversationContext | undefined> {
    const row = await this.db.selectFrom('conversation_context').selectAll().where('user_id', '=', userId).executeTakeFirst();
    if (!row || this.clock.now().getTime() - Date.parse(row.updated_at) > contextLifetimeMs) return undefined;
    const command = commandNames.find((name) => name === row.command);
    const entities = entitiesSchema.safeParse(JSON.parse(row.entities));
    return command && entities.success ? { command, entities: entities.data } : undefined;
  }
}
