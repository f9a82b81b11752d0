import { GraphError, type GraphErrorReason } from '../../src/graph';
import { errorReplies } from '../../src/dialogs/error-reply';
import { translatorFor, type Locale } from '../../src/i18n';
import type { Caller } from '../../src/dialogs/caller';

const callerIn = (locale: Locale): Caller => ({ userId: 'u', tenantId: 't', name: 'Megan', mri: '29:u', locale, t: translatorFor(locale) });
const reasons: GraphErrorReason[] = [
  'notFound', 'forbidden', 'alreadyExists', 'invalidRequest', 'throttled', 'unavailable', 'consentRequired', 'unauthenticated', 'timeout',
];

describe('errorReplies', () => {
  it.each(reasons.flatMap((reason) => (['en', 'fr'] as const).map((locale) => [reason, locale] as const)))(
    'explains %s in %s with its own message, not the generic one',
    (reason, locale) => {
      const caller = callerIn(locale);
      const [reply] = errorReplies(caller, new GraphError(reason, 'Graph said no', { retryAfterMs: 12_000 }));
      expect(reply.type).toBe('text');
      const text = reply.type === 'text' ? reply.text : '';
      expect(text).not.toBe(caller.t('errors.generic'));
      expect(text).not.toContain('errors.');
      expect(text).not.toContain('Graph said no');
    },
  );

  it('says how long to wait when throttled', () => {
    const [reply] = errorReplies(callerIn('fr'), new GraphError('throttled', 'x', { retryAfterMs: 12_000 }));
    expect(reply).toEqual({ type: 'text', text: expect.stringContaining('12 secondes') as string });
  });

  it('never shows an unexpected error: the generic message, in the caller language', () => {
    expect(errorReplies(callerIn('en'), new TypeError('at foo.ts:12'))).toEqual([{ type: 'text', text: translatorFor('en')('errors.generic') }]);
  });
});
