import { graphErrorFromResponse, graphErrorFromTokenFailure, type FailedGraphResponse } from '../../src/graph/graph-error';

const policyMessage = 'The sharing policy of your organization does not allow granting permissions at this level to one or more recipients.';
const write = { method: 'POST', path: '/me/calendars/abc/calendarPermissions' };
const read = { method: 'GET', path: '/users/meganb@example.com/calendar/calendarView?startDateTime=x' };

describe('graphErrorFromResponse', () => {
  it.each<[string, FailedGraphResponse, string]>([
    // A 403 says no more than "refused", whatever its wording: the sharing layer explains a refused share.
    ['the sharing policy refusal', { status: 403, code: 'ErrorAccessDenied', message: policyMessage, ...write }, 'forbidden'],
    ['a permission write refused in other words', { status: 403, code: 'ErrorAccessDenied', message: 'Access is denied.', ...write }, 'forbidden'],
    ['a permission delete refused with another code', { status: 403, code: 'ErrorSharingPolicy', method: 'DELETE', path: '/me/calendars/abc/calendarPermissions/p1' }, 'forbidden'],
    ['a read refused', { status: 403, code: 'ErrorAccessDenied', message: 'Access is denied.', ...read }, 'forbidden'],
    ['a missing item', { status: 404, code: 'ErrorItemNotFound', ...read }, 'notFound'],
    ['an unknown user', { status: 404, code: 'ErrorInvalidUser', ...read }, 'notFound'],
    ['an unknown recipient', { status: 400, code: 'ErrorInvalidRecipients', ...write }, 'notFound'],
    ['a conflict', { status: 409, code: 'Conflict', ...write }, 'alreadyExists'],
    ['an existing item code', { status: 400, code: 'ErrorItemAlreadyExists', ...write }, 'alreadyExists'],
    ['a bad request', { status: 400, code: 'ErrorInvalidParameter', ...write }, 'invalidRequest'],
    ['a payload too large', { status: 413, code: 'RequestEntityTooLarge', ...write }, 'invalidRequest'],
    ['an expired token', { status: 401, code: 'InvalidAuthenticationToken', ...read }, 'unauthenticated'],
    ['throttling', { status: 429, code: 'ApplicationThrottled', ...read }, 'throttled'],
    ['an outage', { status: 503, code: 'ServiceNotAvailable', ...read }, 'unavailable'],
    ['a gateway timeout', { status: 504, ...read }, 'unavailable'],
    ['a server error', { status: 500, ...read }, 'unavailable'],
  ])('maps %s', (_label, failure, reason) => {
    const error = graphErrorFromResponse(failure);
    expect(error.reason).toBe(reason);
    expect(error.status).toBe(failure.status);
  });

  it('keeps the query string (search text) out of the message', () => {
    const error = graphErrorFromResponse({ status: 400, method: 'GET', path: "/users?$filter=startswith(mail,'secret')" });
    expect(error.message).not.toContain('secret');
  });
});

describe('graphErrorFromTokenFailure', () => {
  it.each([
    [new Error('AADSTS65001: The user or administrator has not consented to use the application')],
    [{ errorCode: 'consent_required', message: 'x' }],
    [{ error: 'invalid_grant', subError: 'consent_required' }],
  ])('sees a consent problem in %j', (failure) => {
    expect(graphErrorFromTokenFailure(failure).reason).toBe('consentRequired');
  });

  it('reports any other failure as unauthenticated without copying its message', () => {
    const error = graphErrorFromTokenFailure(new Error('assertion eyJhbGciOi.secret.token is expired'));
    expect(error.reason).toBe('unauthenticated');
    expect(error.message).not.toContain('eyJ');
  });
});
