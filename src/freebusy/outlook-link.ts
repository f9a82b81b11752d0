/**
 * Outlook on the web's compose deep link for a new event, with people and time filled in. It opens the
 * meeting form in the browser or the desktop/mobile app that handles outlook.office.com links; nothing is
 * sent until the person presses Send there.
 */
export function outlookComposeLink(input: { subject: string; start: Date; end: Date; attendees: string[] }): string {
  const query = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: input.subject,
    startdt: input.start.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    enddt: input.end.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    to: input.attendees.join(','),
  });
  return `https://outlook.office.com/calendar/deeplink/compose?${query.toString()}`;
}
