import { suiteHarness } from '../../support/bot-harness';
import { alex, inFrench } from '../../support/demo-users';
import { buttonData, cardFrom, cardJson, cardText } from '../../support/cards';
import { statusColors } from '../../../src/freebusy/picture';
import { bigOrgFile, colleague } from './big-org';
import { pictureOf, pixel } from './freebusy-kit';

const names = (count: number): string => Array.from({ length: count }, (_, index) => colleague(index + 1).email).join(', ');

describe('from two to twenty-five people', () => {
  const bot = suiteHarness({}, {}, { orgFile: bigOrgFile(24) });

  async function search(count: number, window = 'thisWeek', user = alex) {
    const form = cardFrom(await bot.say(user, '/freebusy'));
    return cardFrom(await bot.click(user, { ...buttonData(form, /^(Find times|Trouver un créneau)$/), names: names(count), window, duration: '60' }));
  }

  it.each([
    [2, alex],
    [6, alex],
    [25, inFrench(alex)],
  ])('%i people: a row each, the picture inside Teams\' limits, the card under 80 KB', async (count, user) => {
    const card = await search(count - 1, 'thisWeek', user);
    const { png, bytes } = pictureOf(card);
    expect(png.width).toBeLessThanOrEqual(1024);
    expect(png.height).toBeLessThanOrEqual(1024);
    expect(bytes).toBeLessThan(60_000);
    expect(cardJson(card).length).toBeLessThan(80_000);
    expect(cardText(card).match(/^Colleague \d\d$/gm)).toHaveLength(count - 1);
  });

  it('the busy blocks add up: six colleagues busy 09:00-15:00 in turn leave 08:00 and from 15:00', async () => {
    const text = cardText(await search(6, 'tomorrow'));
    expect(text).toMatch(/Best common slots \(3\)\nTuesday 24 November, 08:00 – 09:00\n[\s\S]*Tuesday 24 November, 15:00 – 16:00/);
    expect(text).not.toMatch(/Tuesday 24 November, (09|1[0-4]):\d\d –/);
  });

  it('one $batch round trip reads twenty people and a week (getSchedule split by 20 inside it)', async () => {
    const form = cardFrom(await bot.say(alex, '/freebusy'));
    bot.emulator.control.clearRequests();
    await bot.click(alex, { ...buttonData(form, 'Find times'), names: names(20), window: 'thisWeek', duration: '30' });
    const requests = bot.emulator.control.requests();
    const outer = requests.filter((entry) => !entry.inBatch);
    // Name matching (22 reads: two batches sent together) plus the availability: three HTTP requests in all.
    expect(outer.map((entry) => `${entry.method} ${entry.path}`)).toEqual(['POST /$batch', 'POST /$batch', 'POST /$batch']);
    // The log lists a batch's inner requests before the batch itself: after the first getSchedule comes one batch, the last.
    const first = requests.findIndex((entry) => entry.path === '/me/calendar/getSchedule');
    const after = requests.slice(first);
    expect(after.filter((entry) => !entry.inBatch)).toHaveLength(1);
    expect(after[after.length - 1].inBatch).toBe(false);
    // 20 people and the viewer are 21 schedules: two getSchedule calls, both in that one $batch.
    expect(after.filter((entry) => entry.path === '/me/calendar/getSchedule')).toHaveLength(2);
  });

  it('more than 25 people besides me: refused with a clear message before any schedule is read', async () => {
    const form = cardFrom(await bot.say(alex, '/freebusy'));
    const text = cardText(cardFrom(await bot.click(alex, { ...buttonData(form, 'Find times'), names: `${names(24)}, Megan Bowen, Adele Vance`, window: 'thisWeek' })));
    expect(text).toContain('That is 26 people; I show at most 25 at once. Remove some and try again.');
  });
});

describe('the picture', () => {
  const bot = suiteHarness();

  it('paints a known busy block in the busy colour and a free hour white, with alt text that lists the slots', async () => {
    const card = cardFrom(await bot.say(alex, 'when are Megan and Adele free today?'));
    const { png, altText } = pictureOf(card);
    expect(png.width).toBe(900);
    expect(altText).toContain('one row per person: Alex Wilber, Megan Bowen, Adele Vance');
    expect(altText).toContain('Common free slots: Monday 23 November, 10:00 – 10:30');
    // Today from now (10:00) to 17:00, the end of everyone's working hours, over 710 px from x = 180; rows of 22 px every 25 px from y = 38.
    const xOf = (hour: number): number => 180 + ((hour - 10) / 7) * 710;
    const rowMiddle = (row: number): number => 38 + row * 25 + 11;
    // Row 1 is Alex: "Campaign brief review" 14:00-15:00 is busy; 16:00 is free.
    expect(pixel(png, xOf(14.5), rowMiddle(1))).toBe(statusColors.busy);
    expect(pixel(png, xOf(16.5), rowMiddle(1))).toBe(statusColors.free);
    // Row 3 is Adele: the store sync 11:00-12:00.
    expect(pixel(png, xOf(11.5), rowMiddle(3))).toBe(statusColors.busy);
  });
});
