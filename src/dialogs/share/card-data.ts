import { z } from 'zod';
import { offeredRoles } from '../../sharing/roles';

/** Card data comes from the client: ids are opaque strings of a sane size, nothing more. */
export const opaqueId = z.string().trim().min(1).max(512);

/** The share form's inputs, as Teams merges them into the action's data. */
export const reviewInput = z.object({
  calendarId: opaqueId,
  emails: z.string().max(2000).optional().default(''),
  /** The Teams people picker's choice: comma-separated object ids. */
  people: z.string().max(4000).optional().default(''),
  role: z.enum(offeredRoles),
  endDate: z
    .union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)])
    .optional()
    .default(''),
});
export type ReviewInput = z.infer<typeof reviewInput>;

export const draftRef = z.object({ draftId: z.string().uuid() });
/** The access request a share answers, when the form was opened from its card (checked server-side). */
export const accessRequestRef = z.object({ accessRequestId: opaqueId });
export const invitationRef = z.object({ invitationId: z.string().uuid() });

/**
 * The levels picked on the review card: `role_0`, `role_1`... (validated against the draft later).
 * Undefined when one is not a short text (`["write"]`, an object): a tampered card, refused as such
 * rather than read as "the proposed level".
 */
export function pickedRoles(data: Record<string, unknown>): Map<number, string> | undefined {
  const picked = new Map<number, string>();
  for (const [key, value] of Object.entries(data)) {
    const match = /^role_(\d{1,2})$/.exec(key);
    if (!match) continue;
    if (typeof value !== 'string' || value.length > 64) return undefined;
    picked.set(Number(match[1]), value);
  }
  return picked;
}

/** Validates a card's data; undefined when it does not match (tampered, or an old card). */
export function parseCardData<Output>(schema: z.ZodType<Output, z.ZodTypeDef, unknown>, data: Record<string, unknown>): Output | undefined {
  const parsed = schema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}
