import { suiteHarness } from '../../support/bot-harness';
import { alex, inFrench } from '../../support/demo-users';
import { cardFrom, cardText, textFrom } from '../../support/cards';
import { pictureOf } from './freebusy-kit';

describe('smoke', () => {
  const bot = suiteHarness();
  it('answers', async () => {
    const turn = await bot.say(inFrench(alex), 'quand est-ce que Megan et Adele sont libres cette semaine ?');
    let card;
    try { card = cardFrom(turn); } catch { console.log(textFrom(turn)); throw new Error('no card'); }
    console.log(cardText(card));
    const pic = pictureOf(card);
    console.log(pic.bytes, pic.png.width, pic.png.height, JSON.stringify(card).length);
    require('fs').writeFileSync('/tmp/i13-pic.png', Buffer.from(String((JSON.stringify(card).match(/data:image\/png;base64,([^"]+)/) ?? [])[1]), 'base64'));
  });
});
