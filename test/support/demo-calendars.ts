import type { BotHarness } from './bot-harness';
import type { DemoUser } from './demo-users';

/** The id of one of the owner's calendars in the Graph emulator, by name ("Calendar" is the primary one). */
export function calendarIdOf(bot: BotHarness, owner: DemoUser, name: string): string {
  const calendar = bot.emulator.control.calendarsOf(owner.email).find((candidate) => candidate.name === name);
  if (!calendar) throw new Error(`${owner.email} has no calendar "${name}"`);
  return calendar.id;
}
