import { normalizeInvitationCode, newInvitationCode } from '../../src/sharing/invitation-code';
import { allowedRolesFor, closestAllowedRole, externalCap, type SharingPolicy } from '../../src/sharing/sharing-policy';

const policy: SharingPolicy = { defaultExternal: 'freeBusyRead', domains: { 'partner.example.org': 'limitedRead', 'trusted.example.net': 'read' } };
const colleague = { address: 'meganb@example.com', isInsideOrganization: true };
const primary = { isDefault: true };
const secondary = { isDefault: false };

describe('which levels a recipient may get', () => {
  it.each([
    ['a colleague, primary calendar', colleague, primary, ['freeBusyRead', 'limitedRead', 'read', 'write', 'delegateWithoutPrivateEventAccess']],
    ['a colleague, another calendar: no delegate', colleague, secondary, ['freeBusyRead', 'limitedRead', 'read', 'write']],
    ['an outsider with the default policy', { address: 'sam@fabrikam.example.net', isInsideOrganization: false }, primary, ['freeBusyRead']],
    ['an outsider of a partner domain', { address: 'jordan@partner.example.org', isInsideOrganization: false }, primary, ['freeBusyRead', 'limitedRead']],
    ['an outsider of a trusted domain: never edit', { address: 'kim@TRUSTED.example.net', isInsideOrganization: false }, primary, ['freeBusyRead', 'limitedRead', 'read']],
    ['a guest of the directory counts as outside', { address: 'guest@example.com', isInsideOrganization: false }, primary, ['freeBusyRead']],
  ])('%s', (_name, recipient, calendar, roles) => {
    expect(allowedRolesFor(recipient, calendar, policy).roles).toEqual(roles);
  });

  it('says why an outsider is limited', () => {
    expect(allowedRolesFor({ address: 'jordan@partner.example.org', isInsideOrganization: false }, primary, policy)).toMatchObject({ external: true, policyCap: 'limitedRead' });
    expect(externalCap(policy, 'x@elsewhere.org')).toBe('freeBusyRead');
  });

  it.each([
    ['write', ['freeBusyRead', 'limitedRead'], 'limitedRead'],
    ['read', ['freeBusyRead', 'limitedRead', 'read'], 'read'],
    ['delegateWithoutPrivateEventAccess', ['freeBusyRead', 'limitedRead', 'read', 'write'], 'write'],
    ['limitedRead', ['freeBusyRead'], 'freeBusyRead'],
  ] as const)('offers %s as the closest allowed level', (wanted, allowed, expected) => {
    expect(closestAllowedRole(wanted, [...allowed])).toBe(expected);
  });
});

describe('invitation codes', () => {
  it('are 8 unambiguous characters, and typed back in any form', () => {
    const code = newInvitationCode();
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    expect(normalizeInvitationCode(code.toLowerCase().replace('-', ' '))).toBe(code);
    expect(normalizeInvitationCode(' k7qm4tzp ')).toBe('K7QM-4TZP');
    // An email client may have turned the dash into an en or em dash.
    expect(normalizeInvitationCode('K7QM–4TZP')).toBe('K7QM-4TZP');
    expect(normalizeInvitationCode('k7qm — 4tzp')).toBe('K7QM-4TZP');
  });

  it.each(['', 'hello', 'K7QM-4TZ', 'K7QM-4TZPX', 'K7QM_4TZP'])('refuse %p', (text) => {
    expect(normalizeInvitationCode(text)).toBeUndefined();
  });
});
