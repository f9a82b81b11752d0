import type { DirectoryUser } from './org-schema';
import type { CapturedMessage } from './state';

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const page = (title: string, content: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;color:#222}
article{border:1px solid #ccc;border-radius:6px;padding:1rem;margin:1rem 0}
.meta{color:#555;font-size:.9rem}
iframe{width:100%;min-height:16rem;border:1px solid #eee}
pre{white-space:pre-wrap}
</style></head><body>${content}</body></html>`;

function messageHtml(message: CapturedMessage): string {
  const to = message.toRecipients.map((r) => escape(r.emailAddress.name ? `${r.emailAddress.name} <${r.emailAddress.address}>` : r.emailAddress.address)).join(', ');
  // HTML bodies come from the bot: shown in a sandboxed frame so their markup cannot run here.
  const body =
    message.body.contentType === 'html'
      ? `<iframe sandbox="" srcdoc="${escape(message.body.content)}" title="Message body"></iframe>`
      : `<pre>${escape(message.body.content)}</pre>`;
  const attachments = message.attachments
    .map((attachment, index) => `<li><a href="/_emulator/mail/${encodeURIComponent(message.id)}/attachments/${index}">${escape(attachment.name)}</a> (${escape(attachment.contentType)}, ${attachment.size} bytes)</li>`)
    .join('');
  return `<article><h2>${escape(message.subject || '(no subject)')}</h2>
<p class="meta">From ${escape(message.from.name)} &lt;${escape(message.from.address)}&gt; · To ${to} · ${escape(message.sentDateTime)}</p>
${body}${attachments ? `<ul>${attachments}</ul>` : ''}</article>`;
}

/** The mail the bot sent to one address, newest first: a stand-in for that person's inbox. */
export function inboxPage(address: string, messages: CapturedMessage[]): string {
  const list = [...messages].reverse().map(messageHtml).join('');
  return page(`Inbox of ${address}`, `<h1>Inbox of ${escape(address)}</h1>${list || '<p>No mail yet.</p>'}`);
}

/** A start page listing the demo people and their inboxes. */
export function indexPage(users: DirectoryUser[], external: { name: string; address: string }[]): string {
  const rows = [...users.map((user) => ({ name: user.displayName, address: user.mail })), ...external]
    .map((person) => `<li>${escape(person.name)}: <a href="/_emulator/inbox/${encodeURIComponent(person.address)}">${escape(person.address)}</a></li>`)
    .join('');
  return page('Graph emulator', `<h1>Graph emulator</h1><p>Graph v1.0 at <code>/v1.0</code>. Inboxes:</p><ul>${rows}</ul>`);
}
