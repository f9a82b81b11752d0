/**
 * /sync (FR /synchroniser): connect a CalDAV account, pick the calendars, direction and conflict rule,
 * see a preview, then a status card per pair (sync now, pause, resume, remove). Card data carries the
 * pair id only; every handler loads the pair and checks that the clicker owns it.
 */
import { CalDavClient } from '../../caldav/caldav-client';
import { isCalDavError } from '../../caldav/caldav-error';
import { Verb } from '../../cards/verbs';
import type { Clock } from '../../clock';
import type { CalendarGateway } from '../../graph/calendar-gateway';
import type { ConflictPolicy, SyncDirection, SyncPair, SyncPairStore } from '../../two-way-sync/sync-pair-store';
import type { TwoWayOutcome, TwoWaySync } from '../../two-way-sync/two-way-sync';
import type { Caller } from '../caller';
import type { ActionResult, Feature } from '../feature';
import { cardReply, textReply } from '../reply';
import { connectCard, pickCard, previewCard, removeCard, statusCard } from './sync-cards';

export interface SyncFeatureDeps {
  store: SyncPairStore;
  engine: TwoWaySync;
  gateway: Pick<CalendarGateway, 'listMyCalendars'>;
  clock: Clock;
  /** Loopback http:// servers are allowed (local Radicale, tests); elsewhere https:// only. */
  allowHttpLoopback: boolean;
  /** `npm start`'s local Radicale and its demo account (local mode only), shown on the connect card. */
  localCalDav?: { url: string; userName: string; password: string };
}

const directions: SyncDirection[] = ['both', 'toCaldav', 'toOutlook'];
const policies: ConflictPolicy[] = ['newer', 'outlook', 'caldav'];
const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

function validServer(text: string, allowHttpLoopback: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol === 'https:') return url.href;
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  return url.protocol === 'http:' && loopback && allowHttpLoopback ? url.href : undefined;
}

export function createSyncFeature(deps: SyncFeatureDeps): Feature {
  const { store, engine } = deps;

  /** The pair, if it exists and belongs to the clicker; else the reply that says why not. */
  async function ownPair(caller: Caller, data: Record<string, unknown>): Promise<SyncPair | ActionResult> {
    const pair = await store.get(str(data.pairId));
    if (!pair) return { replies: [textReply(caller.t('sync:gone'))] };
    if (pair.ownerId !== caller.userId) return { replies: [textReply(caller.t('sync:notYours'))] };
    return pair;
  }
  const isPair = (value: SyncPair | ActionResult): value is SyncPair => 'ownerId' in value;

  async function outcomeCard(caller: Caller, pairId: string, outcome: TwoWayOutcome): Promise<ActionResult> {
    const pair = (await store.get(pairId)) as SyncPair;
    const replies = outcome.status === 'busy' ? [textReply(caller.t('sync:busy'))] : [];
    return { card: statusCard(caller, pair), replies };
  }

  async function outlookChoices(caller: Caller) {
    const calendars = await deps.gateway.listMyCalendars(caller);
    return calendars.filter((calendar) => calendar.canEdit && !calendar.owner.address) .concat(calendars.filter((calendar) => calendar.canEdit && calendar.owner.address))
      .map((calendar) => ({ title: calendar.owner.address ? `${calendar.name} (${calendar.owner.name})` : calendar.name, value: calendar.id, calendar }));
  }

  return {
    commands: {
      sync: async (caller) => {
        const pairs = (await store.listFor(caller.userId)).filter((pair) => pair.status !== 'draft');
        if (pairs.length === 0) return [cardReply(connectCard(caller, { local: deps.localCalDav }))];
        return [...pairs.map((pair) => cardReply(statusCard(caller, pair))), cardReply(connectCard(caller, { local: deps.localCalDav }))];
      },
    },
    actions: {
      [Verb.SyncAdd]: (caller) => Promise.resolve({ card: connectCard(caller, { local: deps.localCalDav }) }),
      [Verb.SyncConnect]: async (caller, data) => {
        const serverText = str(data.serverUrl);
        const userName = str(data.userName);
        const password = typeof data.password === 'string' ? data.password : '';
        if (!serverText || !userName || !password) return { card: connectCard(caller, { local: deps.localCalDav, serverUrl: serverText, userName, error: caller.t('sync:connect.missing') }) };
        const serverUrl = validServer(serverText, deps.allowHttpLoopback);
        if (!serverUrl) return { card: connectCard(caller, { local: deps.localCalDav, serverUrl: serverText, userName, error: caller.t('sync:connect.badAddress') }) };
        let calendars;
        try {
          const client = await engine.connect({ serverUrl, userName, password });
          calendars = await client.listCalendars();
        } catch (error) {
          if (!isCalDavError(error)) throw error;
          return { card: connectCard(caller, { local: deps.localCalDav, serverUrl: serverText, userName, error: caller.t('sync:failed', { reason: caller.t(`sync:problems.${error.problem}`) }) }) };
        }
        if (calendars.length === 0) return { card: connectCard(caller, { local: deps.localCalDav, serverUrl: serverText, userName, error: caller.t('sync:connect.noCalendars') }) };
        const outlook = await outlookChoices(caller);
        // A draft pair holds the sealed password from here on: it never travels in card data.
        const pair = await store.create({
          ownerId: caller.userId,
          serverUrl,
          userName,
          password,
          caldav: { calendarUrl: calendars[0].url, name: calendars[0].name },
          outlook: { calendarId: outlook[0]?.value ?? '', name: outlook[0]?.title ?? '' },
          direction: 'both',
          policy: 'newer',
          nextRunAt: deps.clock.now().toISOString(),
        });
        await store.update(pair.id, { status: 'draft' });
        return {
          card: pickCard(caller, {
            pairId: pair.id,
            server: new URL(serverUrl).host,
            caldav: calendars.map((calendar) => ({ title: calendar.name, value: calendar.url })),
            outlook: outlook.map(({ title, value }) => ({ title, value })),
          }),
        };
      },
      [Verb.SyncPreview]: async (caller, data) => {
        const pair = await ownPair(caller, data);
        if (!isPair(pair)) return pair;
        const client = await engine.connect({ serverUrl: pair.serverUrl, userName: pair.userName, password: await store.passwordOf(pair.id) }).catch((error: unknown) => error);
        if (!(client instanceof CalDavClient)) {
          if (!isCalDavError(client)) throw client;
          return { replies: [textReply(caller.t('sync:failed', { reason: caller.t(`sync:problems.${client.problem}`) }))] };
        }
        const caldav = (await client.listCalendars()).find((calendar) => calendar.url === str(data.caldavCalendar));
        const outlook = (await outlookChoices(caller)).find((choice) => choice.value === str(data.outlookCalendar));
        const direction = directions.find((value) => value === str(data.direction));
        const policy = policies.find((value) => value === str(data.policy));
        if (!caldav || !outlook || !direction || !policy) return { replies: [textReply(caller.t('sync:pick.invalid'))] };
        await store.configure(pair.id, {
          caldav: { calendarUrl: caldav.url, name: caldav.name },
          outlook: { calendarId: outlook.value, ownerAddress: outlook.calendar.owner.address || undefined, name: outlook.calendar.name },
          direction,
          policy,
        });
        const preview = await engine.preview(pair.id);
        return { card: previewCard(caller, (await store.get(pair.id)) as SyncPair, preview) };
      },
      [Verb.SyncStart]: async (caller, data) => {
        const pair = await ownPair(caller, data);
        if (!isPair(pair)) return pair;
        if (pair.status === 'draft') await store.update(pair.id, { status: 'active', nextRunAt: deps.clock.now().toISOString() });
        return outcomeCard(caller, pair.id, await engine.sync(pair.id));
      },
      [Verb.SyncNow]: async (caller, data) => {
        const pair = await ownPair(caller, data);
        if (!isPair(pair)) return pair;
        if (pair.status !== 'active') return { card: statusCard(caller, pair) };
        return outcomeCard(caller, pair.id, await engine.sync(pair.id));
      },
      [Verb.SyncConfirmEmptied]: async (caller, data) => {
        const pair = await ownPair(caller, data);
        if (!isPair(pair)) return pair;
        await store.update(pair.id, { status: 'active', pauseReason: undefined, failures: 0 });
        return outcomeCard(caller, pair.id, await engine.sync(pair.id, { confirmEmptied: true }));
      },
      [Verb.SyncPause]: async (caller, data) => {
        const pair = await ownPair(caller, data);
        if (!isPair(pair)) return pair;
        await store.update(pair.id, { status: 'paused', pauseReason: 'user' });
        return { card: statusCard(caller, (await store.get(pair.id)) as SyncPair) };
      },
      [Verb.SyncResume]: async (caller, data) => {
        const pair = await ownPair(caller, data);
        if (!isPair(pair)) return pair;
        await store.update(pair.id, { status: 'active', pauseReason: undefined, failures: 0, nextRunAt: deps.clock.now().toISOString() });
        return outcomeCard(caller, pair.id, await engine.sync(pair.id));
      },
      [Verb.SyncAskRemove]: async (caller, data) => {
        const pair = await ownPair(caller, data);
        if (!isPair(pair)) return pair;
        return { card: removeCard(caller, pair) };
      },
      [Verb.SyncRemove]: async (caller, data) => {
        const pair = await ownPair(caller, data);
        if (!isPair(pair)) return pair;
        const choice = (['none', 'outlook', 'caldav'] as const).find((value) => value === str(data.choice)) ?? 'none';
        await engine.removePair(pair.id, choice);
        return { replies: [textReply(caller.t('sync:remove.done'))] };
      },
    },
  };
}
