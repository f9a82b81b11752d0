import { alex, megan } from '../support/demo-users';
import { graphAs, startEmu, type Emu } from './emulator-kit';

const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';

describe('emulator: sendMail capture and the inbox page', () => {
  let emu: Emu;
  beforeAll(async () => {
    emu = await startEmu();
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.emulator.control.reset());

  const message = {
    subject: 'Alex shared "Project Phoenix" with you',
    body: { contentType: 'HTML', content: '<p>Open it in <b>Outlook</b></p><script>alert(1)</script>' },
    toRecipients: [{ emailAddress: { address: 'jordan@partner.example.org' } }],
    ccRecipients: [{ emailAddress: { address: megan.email, name: 'Megan B.' } }],
    attachments: [{ '@odata.type': '#microsoft.graph.fileAttachment', name: 'phoenix.ics', contentType: 'text/calendar', contentBytes: Buffer.from(ics).toString('base64') }],
  };

  it('answers 202 and captures the message with its sender, recipients and attachments', async () => {
    const reply = await graphAs(emu.emulator, alex).post('/me/sendMail', { message, saveToSentItems: false });
    expect(reply.status).toBe(202);
    expect(reply.body).toBeUndefined();
    const [captured] = emu.emulator.control.sentMail('JORDAN@partner.example.org');
    expect(captured).toMatchObject({
      from: { name: 'Alex Wilber', address: alex.email },
      sentDateTime: '2026-11-23T09:00:00.000Z',
      subject: message.subject,
      body: { contentType: 'html', content: message.body.content },
      toRecipients: [{ emailAddress: { address: 'jordan@partner.example.org', name: 'Jordan Lee' } }],
      ccRecipients: [{ emailAddress: { address: megan.email, name: 'Megan B.' } }],
      attachments: [{ name: 'phoenix.ics', contentType: 'text/calendar', size: ics.length }],
    });
    expect(Buffer.from(captured.attachments[0].contentBytes, 'base64').toString()).toBe(ics);
    expect(emu.emulator.control.sentMail(megan.email)).toHaveLength(1);
    expect(emu.emulator.control.sentMail('patti@example.com')).toHaveLength(0);
  });

  it('lists mail as JSON and shows an inbox page with the body sandboxed and the attachment downloadable', async () => {
    await graphAs(emu.emulator, alex).post('/me/sendMail', { message });
    const listed = (await (await fetch(`${emu.emulator.origin}/_emulator/mail?to=jordan@partner.example.org`)).json()) as { value: { id: string; subject: string }[] };
    expect(listed.value.map((mail) => mail.subject)).toEqual([message.subject]);

    const page = await fetch(`${emu.emulator.origin}/_emulator/inbox/jordan@partner.example.org`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('Alex shared &quot;Project Phoenix&quot; with you');
    expect(html).toContain('<iframe sandbox=""');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('phoenix.ics');

    const attachment = await fetch(`${emu.emulator.origin}/_emulator/mail/${listed.value[0].id}/attachments/0`);
    expect(attachment.headers.get('content-type')).toBe('text/calendar');
    expect(await attachment.text()).toBe(ics);
  });

  it('shows an empty inbox for someone with no mail', async () => {
    expect(await (await fetch(`${emu.emulator.origin}/_emulator/inbox/patti@example.com`)).text()).toContain('No mail yet.');
  });

  it.each([
    ['no recipients', { message: { subject: 'x', body: { contentType: 'Text', content: 'x' } } }, 'ErrorInvalidRecipients'],
    ['no message', { subject: 'x' }, 'ErrorInvalidParameter'],
    ['an attachment that is not base64', { message: { ...message, attachments: [{ name: 'a.txt', contentBytes: '%%%' }] } }, 'ErrorInvalidParameter'],
  ])('refuses a message with %s', async (_case, body, code) => {
    const reply = await graphAs(emu.emulator, alex).post('/me/sendMail', body);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe(code);
    expect(emu.emulator.control.sentMail()).toHaveLength(0);
  });

  it('refuses to send as someone else', async () => {
    const reply = await graphAs(emu.emulator, alex).post(`/users/${megan.email}/sendMail`, { message });
    expect(reply.status).toBe(403);
  });

  it('refuses a request body over 4 MB with 413', async () => {
    const big = { message: { ...message, attachments: [{ name: 'big.bin', contentBytes: 'A'.repeat(4 * 1024 * 1024 + 4) }] } };
    const reply = await graphAs(emu.emulator, alex).post('/me/sendMail', big);
    expect(reply.status).toBe(413);
    expect(emu.emulator.control.sentMail()).toHaveLength(0);
  });
});
