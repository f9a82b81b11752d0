import { renderCard } from '../cards/render-card';
import type { IntentScore } from '../nlu/intent-classifier';
import { commandOf, isFollowUp } from '../nlu/intents';
import type { Caller } from './caller';
import type { CommandName } from './commands';
import { cardReply, type Reply } from './reply';
import { commandButton } from './share/card-kit';

/** Offered when the classifier has nothing likely at all. */
const fallbackCommands: CommandName[] = ['share', 'subscribe', 'calendars'];

/**
 * The "did you mean…?" card: the two or three likeliest commands as buttons, and always a way to
 * describe the problem to the troubleshooter, so a sentence the bot did not get is never a dead end.
 */
export function suggestionsReply(caller: Caller, ranking: IntentScore[]): Reply {
  const { t } = caller;
  const likely: CommandName[] = [];
  for (const { intent, score } of ranking) {
    if (score <= 0.02 || isFollowUp(intent)) continue;
    const command = commandOf(intent);
    if (command !== 'troubleshoot' && command !== 'help' && !likely.includes(command)) likely.push(command);
    if (likely.length === 3) break;
  }
  for (const command of fallbackCommands) if (likely.length < 2 && !likely.includes(command)) likely.push(command);
  return cardReply(
    renderCard('understand-suggestions', {
      title: t('understand:didYouMean.title'),
      intro: t('understand:didYouMean.intro'),
      buttons: [...likely.map((command) => commandButton(t(`understand:intents.${command}`), command)), commandButton(t('understand:didYouMean.describe'), 'troubleshoot')],
    }),
  );
}
