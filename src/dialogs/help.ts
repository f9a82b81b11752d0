import { renderCard, type AdaptiveCardJson } from '../cards/render-card';
import type { Caller } from './caller';
import { cardReply, type Reply } from './reply';

const listedCommands = ['share', 'subscribe', 'calendars', 'alias', 'permissions', 'troubleshoot', 'accept', 'freebusy', 'snapshot', 'publish', 'addfeed', 'feeds', 'sync', 'help'] as const;
/** Shown to the helpdesk only: for anyone else they answer "only the helpdesk can…". */
const helpdeskCommands = ['diagnose'] as const;
const buttonCommands = ['share', 'subscribe', 'troubleshoot'] as const;

function buttons(caller: Caller) {
  return buttonCommands.map((command) => ({ command, title: caller.t(`help.buttons.${command}`) }));
}

/** The help card depends on the language and on helpdesk membership only: rendered once for each (the commonest turn). */
const helpCards = new Map<string, string>();

/** The help card: every command with a sentence, the helpdesk's own for its members, and buttons for the main flows. */
export function helpReply(caller: Caller, audience: { helpdesk: boolean } = { helpdesk: false }): Reply {
  const { t } = caller;
  const key = `${caller.locale}:${audience.helpdesk}`;
  let json = helpCards.get(key);
  if (!json) {
    const names = audience.helpdesk ? [...listedCommands, ...helpdeskCommands] : listedCommands;
    json = JSON.stringify(
      renderCard('help', {
        title: t('help.title'),
        intro: t('help.intro'),
        // The command word in the reader's language ("/partager" in French): both work when typed.
        commands: names.map((name) => ({ name: t(`help.words.${name}`), description: t(`help.commands.${name}`) })),
        buttons: buttons(caller),
      }),
    );
    helpCards.set(key, json);
  }
  // A copy per reply: nothing downstream can change the kept card.
  return cardReply(JSON.parse(json) as AdaptiveCardJson);
}

/** The card sent when the bot is installed or added to a chat. */
export function welcomeReply(caller: Caller): Reply {
  const { t } = caller;
  return cardReply(
    renderCard('welcome', {
      title: caller.name.trim() ? t('welcome.title', { name: caller.name.trim().split(' ')[0] }) : t('welcome.titleAnonymous'),
      intro: t('welcome.intro'),
      privacy: t('welcome.privacy'),
      buttons: buttons(caller),
    }),
  );
}
