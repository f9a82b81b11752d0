/**
 * Every Adaptive Card action verb, in one place. Each verb has exactly one route in src/bot.
 * A card's data carries a verb and opaque ids only; handlers load records server-side.
 */
export const Verb = {
  /** A button that runs a command as if the user had typed it (help and welcome cards). */
  RunCommand: 'runCommand',
  /** /subscribe: the owner was chosen (typed address or picked person): `{ ownerAddress }` or the `owner` input. */
  SubscribeOwner: 'subscribeOwner',
  /** /subscribe: save the picked calendars of an owner: `{ ownerAddress, calendarIds }`. */
  SubscribeSave: 'subscribeSave',
  /** Nothing shared: ask the owner for access with a request card: `{ ownerAddress }`. */
  RequestAccess: 'requestAccess',
  /** The owner declines an access request: `{ requestId }`. */
  DeclineAccessRequest: 'declineAccessRequest',
  /** Opens the share card with the recipient pre-filled (handled by the share flow): `{ recipientAddress }`. */
  OpenShare: 'openShare',
  /** The list of calendars shared with me that I follow (/calendars). */
  ShowCalendars: 'showCalendars',
  /** The agenda of a followed calendar: `{ subscriptionId, range: 'today' | 'week' | 'day', date? }`. */
  ShowAgenda: 'showAgenda',
  /** The alias form: `{ subscriptionId? }`. */
  AskAlias: 'askAlias',
  /** Saves an alias: `{ subscriptionId, alias }`. */
  SaveAlias: 'saveAlias',
  /** Asks to confirm an unsubscribe: `{ subscriptionId }`. */
  AskUnsubscribe: 'askUnsubscribe',
  /** Removes my subscription (never the owner's permission): `{ subscriptionId }`. */
  ConfirmUnsubscribe: 'confirmUnsubscribe',
} as const;

export type Verb = (typeof Verb)[keyof typeof Verb];
