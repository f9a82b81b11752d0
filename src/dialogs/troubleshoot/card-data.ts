import { z } from 'zod';

/**
 * What the assistant's cards send back, validated before use. Card data is untrusted (a card can be
 * forwarded or replayed): it carries opaque ids and choices only; the case is loaded server-side and its
 * owner compared with the caller.
 */

const caseRef = {
  sessionId: z.string().uuid(),
  revision: z.coerce.number().int().min(1),
};
const choiceId = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
/** An input left empty arrives as "" or not at all. */
const optionalChoice = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform((value) => (value ? value : undefined));

export const chooseData = z.object({ ...caseRef, client: optionalChoice, symptom: optionalChoice });
export const personData = z.object({ ...caseRef, person: z.string().max(200).optional().default(''), triedRole: optionalChoice });
export const answerData = z.object({ ...caseRef, nodeId: choiceId, answerId: choiceId });
export const feedbackData = z.object({ ...caseRef, nodeId: choiceId, fixed: z.enum(['yes', 'no']) });
export const handoffData = z.object(caseRef);
export const ewsData = z.object({
  sessionId: z.string().uuid().optional(),
  step: z.enum(['open', 'check']).default('open'),
  ewsInput: z.string().max(2000).optional().default(''),
});
export const helpdeskSendData = z.object({
  diagnosisId: z.string().uuid(),
  symptom: optionalChoice,
  /** `start`, a step (outcome node id) or `resend-<invitation id>`. */
  fix: optionalChoice,
  client: optionalChoice,
  person: z.string().max(200).optional().default(''),
});

export type CaseRef = { sessionId: string; revision: number };
