import { z } from 'zod';
import { renderCard, type AdaptiveCardJson } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';

/** A card button: the template renders it as Action.Execute with an Action.Submit fallback carrying the same data. */
export interface CardButton {
  title: string;
  verb: string;
  data: Record<string, unknown> & { verb: string };
}

/** A button for `verb` whose data is the verb plus opaque ids or choices (never an identity). */
export function button(title: string, verb: string, data: Record<string, unknown> = {}): CardButton {
  return { title, verb, data: { ...data, verb } };
}

/** A button that runs a command as if typed, through the help card's verb. */
export function commandButton(title: string, command: string): CardButton {
  return button(title, Verb.RunCommand, { command });
}

/** A short card: a title, paragraphs, an optional warning line, and buttons. */
export function noticeCard(input: { title: string; paragraphs?: string[]; warning?: string; buttons?: CardButton[] }): AdaptiveCardJson {
  return renderCard('calendars-notice', {
    title: input.title,
    paragraphs: input.paragraphs ?? [],
    warning: input.warning ?? '',
    buttons: input.buttons ?? [],
  });
}

/** Card data comes from the client: ids are opaque strings of a sane size, nothing more. */
export const cardId = z.string().trim().min(1).max(512);

/** Validates a card's data; undefined when it does not match (tampered, or an old card). */
export function parseCardData<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, data: Record<string, unknown>): T | undefined {
  const parsed = schema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/** The first word of a display name, to keep buttons short ("Ask Alex"). */
export function firstNameOf(displayName: string): string {
  return displayName.trim().split(/\s+/)[0] || displayName;
}
