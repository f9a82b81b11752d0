import {
  allowedRolesFor,
  checkGrant,
  permissionIdFor,
  policyCapFor,
  recipientKind,
  type SharingPolicy,
} from '../../src/emulator/sharing-rules';

const policy: SharingPolicy = { defaultExternal: 'freeBusyRead', domains: { 'partner.example.org': 'limitedRead', '*.trusted.example': 'read' } };

describe('Exchange sharing rules', () => {
  it.each([
    ['internal', true, ['none', 'freeBusyRead', 'limitedRead', 'read', 'write', 'delegateWithoutPrivateEventAccess', 'delegateWithPrivateEventAccess']],
    ['internal', false, ['none', 'freeBusyRead', 'limitedRead', 'read', 'write']],
    ['external', true, ['none', 'freeBusyRead', 'limitedRead', 'read']],
    ['external', false, ['none', 'freeBusyRead', 'limitedRead', 'read']],
    ['organization', true, ['none', 'freeBusyRead', 'limitedRead', 'read', 'write']],
  ] as const)('offers a %s recipient on a primary=%s calendar: %j', (kind, primary, roles) => {
    expect(allowedRolesFor(kind, primary)).toEqual(roles);
  });

  it('tells people of the organisation from outsiders by domain, whatever the case', () => {
    expect(recipientKind('Megan@Example.com', 'example.com')).toBe('internal');
    expect(recipientKind('jordan@partner.example.org', 'example.com')).toBe('external');
  });

  it('caps outsiders by domain, wildcard subdomains, or the default', () => {
    expect(policyCapFor(policy, 'jordan@partner.example.org')).toBe('limitedRead');
    expect(policyCapFor(policy, 'a@eu.trusted.example')).toBe('read');
    expect(policyCapFor(policy, 'sam@fabrikam.example.net')).toBe('freeBusyRead');
  });

  it.each([
    [{ role: 'write', kind: 'external', isPrimaryCalendar: true, address: 'jordan@partner.example.org' }, 'roleNotAllowed'],
    [{ role: 'delegateWithPrivateEventAccess', kind: 'internal', isPrimaryCalendar: false, address: 'meganb@example.com' }, 'roleNotAllowed'],
    [{ role: 'read', kind: 'external', isPrimaryCalendar: true, address: 'jordan@partner.example.org' }, 'policyForbids'],
    [{ role: 'limitedRead', kind: 'external', isPrimaryCalendar: true, address: 'jordan@partner.example.org' }, undefined],
    [{ role: 'limitedRead', kind: 'external', isPrimaryCalendar: true, address: 'sam@fabrikam.example.net' }, 'policyForbids'],
    [{ role: 'none', kind: 'external', isPrimaryCalendar: true, address: 'sam@fabrikam.example.net' }, undefined],
    [{ role: 'delegateWithPrivateEventAccess', kind: 'internal', isPrimaryCalendar: true, address: 'meganb@example.com' }, undefined],
  ] as const)('checks %j → %s', (request, refusal) => {
    expect(checkGrant(request, policy)).toBe(refusal);
  });

  it('derives stable, URL-safe permission ids from the address, like Exchange', () => {
    expect(Buffer.from(permissionIdFor('SamanthaB@adatum.onmicrosoft.com'), 'base64').toString()).toBe('ExchangePublishedUser.samanthab@adatum.onmicrosoft.com');
    expect(permissionIdFor('meganb@example.com')).toBe(permissionIdFor('MEGANB@example.com'));
    expect(permissionIdFor('a???>@example.com')).not.toMatch(/[/+]/);
  });
});
