import { z } from 'zod';
import type { AdaptiveCardJson } from '../../cards/render-card';
import type { CalendarSummary, Person } from '../../graph/calendar-gateway';
import { isGraphError } from '../../graph/graph-error';
import { currentRole } from '../../subscriptions/sharee-level';
import { normalizeAddress, type Subscription } from '../../subscriptions/subscription-store';
import { cardId, parseCardData } from '../calendars/card-kit';
import type { SubscriptionFeatureDeps } from '../calendars/feature-deps';
import type { Caller } from '../caller';
import type { ActionResult } from '../feature';
import { cardReply, textReply, type Reply } from '../reply';
import { addressLookup, isAddressQuery, lookUpOwner, ownerQueryOf, type OwnerLookup } from './owner-lookup';
import { ownerCalendarReads, readOwnerCalendars, readShownRoles, sharedOrNone, type OwnerCalendars, type PrimaryCalendarRead } from './shown-roles';
import { doneCard, nothingSharedCard, ownerCard, peopleCard, pickCard } from './subscribe-cards';

const ownerData = z.object({
  ownerAddress: z.string().trim().min(3).max(254).optional(),
  /** The typed text of the owner card's input. */
  owner: z.string().max(254).optional(),
  /** The Teams people picker's value: a directory object id, "" when nobody was picked. */
  ownerId: z.string().max(254).optional(),
});

/** What a directory object id looks like (a GUID in Entra); anything else is not worth a Graph call. */
const objectIdPattern = /^[0-9A-Za-z-]{1,64}$/;

const saveData = z.object({
  ownerAddress: z.string().trim().min(3).max(254),
  /** A multi-select ChoiceSet sends the ticked values comma-separated; nothing ticked sends "" or nothing. */
  calendarIds: z.string().max(20_000).optional(),
});

/** At most this many calendars in one save: far more than anyone shares, small enough to bound the work. */
const maxCalendarsPerSave = 50;

/**
 * /subscribe: whose calendar, which of their calendars shared with me, save. Everything is re-read
 * with the caller's own token, so a card can only subscribe to what Graph lets that person read.
 */
export class SubscribeFlow {
  constructor(private readonly deps: SubscriptionFeatureDeps) {}

  /** The command: with a name or address, go straight to that person's calendars; else ask whose. */
  async start(caller: Caller, args: string): Promise<Reply[]> {
    const query = ownerQueryOf(args);
    if (!query) return [cardReply(ownerCard(caller))];
    return [cardReply(await this.cardForQuery(caller, query))];
  }

  /**
   * The owner card's button (the person picked in the people picker, else the typed text) or a person
   * picked among several (their address).
   */
  async chooseOwner(caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
    const input = parseCardData(ownerData, data);
    if (!input) return { replies: [textReply(caller.t('subscribe:invalidCard'))] };
    const pickedId = input.ownerId?.trim() ?? '';
    if (input.ownerAddress === undefined && pickedId !== '') return { card: await this.cardForPicked(caller, pickedId, input.owner?.trim() ?? '') };
    const query = input.ownerAddress ?? input.owner?.trim() ?? '';
    if (query === '') return { card: ownerCard(caller, { error: caller.t('subscribe:owner.missing') }) };
    return { card: await this.cardForQuery(caller, query) };
  }

  /** Saves the ticked calendars, after checking each one is still shared with the caller. */
  async save(caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
    const input = parseCardData(saveData, data);
    if (!input) return { replies: [textReply(caller.t('subscribe:invalidCard'))] };
    const picked = [...new Set((input.calendarIds ?? '').split(',').map((id) => id.trim()))].filter((id) => cardId.safeParse(id).success);
    if (picked.length === 0 || picked.length > maxCalendarsPerSave) return { replies: [textReply(caller.t('subscribe:pick.nothingPicked'))] };

    const read = await readOwnerCalendars(this.deps, caller, input.ownerAddress);
    const shared = sharedOrNone(read.calendars);
    const owner = ownerOf(shared, input.ownerAddress);
    const chosen = shared.filter((calendar) => picked.includes(calendar.id));
    if (chosen.length === 0) {
      // Revoked between the pick card and the save: say so with the owner's name, as the pick card did.
      if (shared.length === 0) return { card: nothingSharedCard(caller, await this.personOrAddress(caller, owner)) };
      const warning = caller.t('subscribe:pick.notShared', { owner: owner.displayName });
      return { card: await this.pickCardFor(caller, owner, { ...read, calendars: shared }, warning) };
    }

    const followed = await this.followedFrom(caller, owner.address);
    // Read again rather than taken from the card: card data never carries a permission.
    const shown = await readShownRoles(this.deps, caller, owner.address, chosen, read);
    const readable = chosen.filter((calendar) => !shown.refused.has(calendar.id));
    if (readable.length === 0) return { card: nothingSharedCard(caller, await this.personOrAddress(caller, owner)) };
    const saved: Subscription[] = [];
    for (const calendar of readable) {
      const existing = followed.find((subscription) => subscription.calendarId === calendar.id);
      const role = currentRole(existing?.role, shown.roles.get(calendar.id));
      saved.push(
        await this.deps.subscriptions.upsert({
          userId: caller.userId,
          ownerAddress: owner.address,
          ownerName: owner.displayName,
          calendarId: calendar.id,
          calendarName: calendar.name,
          ...(role !== undefined && { role }),
          // A calendar first followed through an invitation stays one: that is where its role came from.
          source: existing?.source ?? 'subscribe',
        }),
      );
    }
    const nothingNew = readable.every((calendar) => followed.some((subscription) => subscription.calendarId === calendar.id));
    return { card: doneCard(caller, saved, nothingNew) };
  }

  private async cardForQuery(caller: Caller, query: string): Promise<AdaptiveCardJson> {
    const { t } = caller;
    const address = query.trim();
    let lookup: OwnerLookup;
    let prefetched: OwnerCalendars | undefined;
    if (isAddressQuery(address)) {
      // The person, their calendars shared with me and their primary calendar's events: one round trip.
      const read = await this.deps.gateway.readTogether(caller, { person: { read: 'person', address }, ...ownerCalendarReads(this.deps.clock, address) });
      lookup = addressLookup(address, read.person);
      if (lookup.kind === 'found' && normalizeAddress(lookup.person.address) === normalizeAddress(address)) prefetched = read;
    } else {
      lookup = await lookUpOwner(this.deps.gateway, caller, query);
    }
    switch (lookup.kind) {
      case 'found':
        return this.cardForOwner(caller, lookup.person, query, prefetched);
      case 'several':
        return peopleCard(caller, lookup.query, lookup.people);
      case 'none':
        return ownerCard(caller, { value: query, error: t('subscribe:people.none', { query: lookup.query }) });
      case 'unknownAddress':
        return ownerCard(caller, { value: query, error: t('subscribe:unknownAddress', { address: lookup.address }) });
      case 'invalidAddress':
        return ownerCard(caller, { value: query, error: t('subscribe:invalidAddress', { address: lookup.address }) });
    }
  }

  /** `prefetched`: the owner's calendars, read with the lookup that found them. */
  private async cardForOwner(caller: Caller, owner: Person, query: string, prefetched?: OwnerCalendars): Promise<AdaptiveCardJson> {
    const { t } = caller;
    if (owner.id === caller.userId) return ownerCard(caller, { value: query, error: t('subscribe:self') });
    // Graph reads only mailboxes of the caller's organization: outsiders share by invitation only.
    if (!owner.isInsideOrganization) return ownerCard(caller, { value: query, error: t('subscribe:external', { name: owner.displayName }) });
    const read = prefetched ?? (await readOwnerCalendars(this.deps, caller, owner.address));
    const calendars = sharedOrNone(read.calendars);
    if (calendars.length === 0) return nothingSharedCard(caller, owner);
    return this.pickCardFor(caller, owner, { ...read, calendars });
  }

  /** A person picked in the Teams people picker, by directory object id; what was typed stays on the card if that fails. */
  private async cardForPicked(caller: Caller, id: string, typed: string): Promise<AdaptiveCardJson> {
    const person = objectIdPattern.test(id) ? await this.personById(caller, id) : undefined;
    if (!person) return ownerCard(caller, { value: typed, error: caller.t('subscribe:owner.unknownPicked') });
    return this.cardForOwner(caller, person, person.address);
  }

  private async personById(caller: Caller, id: string): Promise<Person | undefined> {
    try {
      return await this.deps.gateway.personById(caller, { id });
    } catch (error) {
      // A malformed id is Graph's "bad request": for the person it is the same as nobody found.
      if (isGraphError(error) && (error.reason === 'notFound' || error.reason === 'invalidRequest')) return undefined;
      throw error;
    }
  }

  /** The pick card, with the level Graph shows on each calendar: the only card that costs those reads. */
  private async pickCardFor(
    caller: Caller,
    owner: Person,
    { calendars, ...primary }: PrimaryCalendarRead & { calendars: CalendarSummary[] },
    warning?: string,
  ): Promise<AdaptiveCardJson> {
    const [shown, followed] = await Promise.all([
      readShownRoles(this.deps, caller, owner.address, calendars, primary),
      this.followedFrom(caller, owner.address),
    ]);
    // Listed but refused when read: a tenant that lists the default calendar of someone who shares nothing.
    const readable = calendars.filter((calendar) => !shown.refused.has(calendar.id));
    if (readable.length === 0) return nothingSharedCard(caller, owner);
    return pickCard(caller, { owner, calendars: readable, shown: shown.roles, followed, ...(warning !== undefined && { warning }) });
  }

  private async personOrAddress(caller: Caller, fallback: Person): Promise<Person> {
    try {
      return await this.deps.gateway.resolvePerson(caller, { address: fallback.address });
    } catch {
      return fallback;
    }
  }

  private async followedFrom(caller: Caller, ownerAddress: string): Promise<Subscription[]> {
    const all = await this.deps.subscriptions.listFor(caller.userId);
    return all.filter((subscription) => subscription.ownerAddress === normalizeAddress(ownerAddress));
  }
}

/** The owner as the calendars name them; the address as typed when no calendar says more. */
function ownerOf(calendars: CalendarSummary[], ownerAddress: string): Person {
  const named = calendars.find((calendar) => calendar.owner.name);
  return {
    displayName: named?.owner.name ?? ownerAddress,
    address: normalizeAddress(named?.owner.address || ownerAddress),
    isInsideOrganization: true,
  };
}
