import { renderCard, type AdaptiveCardJson } from '../cards/render-card';
import type { Caller } from './caller';
import { cardReply, type Reply } from './reply';

const listedCommands = ['share', 'subscribe', 'calendars', 'alias', 'permissions', 'troubleshoot', 'accept', 'freebusy', 'snapshot', 'publish', 'addfeed', 'feeds', 'sync', 'help'] as const;
const buttonCommands = ['share', 'subscribe', 'troubleshoot'] as const;

function buttons(caller: Caller) {
  return buttonCommands.map((command) => ({ command, title: caller.t(`help.buttons.${command}`) }));
}

/** The help card depends on the language only: rendered once per language (the commonest turn). */
const helpCards = new Map<Caller['locale'], string>();

/** The help card: every command with a sentence, and buttons for the main flows. */
export function helpReply(caller: Caller): Reply {
  const { t } = caller;
  let json = helpCards.get(caller.locale);
  if (!json) {
    json = JSON.stringify(
      renderCard('help', {
        title: t('help.title'),
        intro: t('help.intro'),
        // The command word in the reader's language ("/partager" in French): both work when typed.
        commands: listedCommands.map((name) => ({ name: t(`help.words.${name}`), description: t(`help.commands.${name}`) })),
        buttons: buttons(caller),
      }),
    );
    helpCards.set(caller.locale, json);
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
