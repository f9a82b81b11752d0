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
  /**
   * Checks (through Graph) whether a followed calendar is in the person's Outlook list, with the steps
   * to add it when it is not: `{ subscriptionId, recheck? }` ("Add to Outlook", "Done").
   */
  CheckOutlookList: 'checkOutlookList',
  /** Asks to confirm an unsubscribe: `{ subscriptionId }`. */
  AskUnsubscribe: 'askUnsubscribe',
  /** Removes my subscription (never the owner's permission): `{ subscriptionId }`. */
  ConfirmUnsubscribe: 'confirmUnsubscribe',
  /** /share: the form was filled; review what will happen (inputs: calendarId, emails, people?, role, endDate). */
  ShareReview: 'shareReview',
  /** /share: the owner confirms the review: `{ draftId, role_N }` (role_N: the level picked for recipient N). */
  ShareConfirm: 'shareConfirm',
  /** /share: the owner drops the review: `{ draftId }`. */
  ShareCancel: 'shareCancel',
  /** Refresh of the owner's share confirmation (each recipient's state): `{ draftId }`. */
  ShareStatus: 'shareStatus',
  /** Refresh of an invitation card, each viewer getting their own view: `{ invitationId }`. */
  InvitationView: 'invitationView',
  /** The recipient accepts: `{ invitationId }`. */
  InvitationAccept: 'invitationAccept',
  /** The recipient declines: `{ invitationId }`. */
  InvitationDecline: 'invitationDecline',
  /** /permissions: the list of who sees my calendars. */
  PermissionsShow: 'permissionsShow',
  /** /permissions: choose a new level: `{ calendarId, permissionId }`. */
  PermissionsChange: 'permissionsChange',
  /** /permissions: confirm the new level: `{ calendarId, permissionId, role }`. */
  PermissionsChangeConfirm: 'permissionsChangeConfirm',
  /** /permissions: ask to confirm stopping a share: `{ calendarId, permissionId }`. */
  PermissionsRevoke: 'permissionsRevoke',
  /** /permissions: stop the share: `{ calendarId, permissionId }`. */
  PermissionsRevokeConfirm: 'permissionsRevokeConfirm',
  /** /permissions: the audit log of my shares. */
  PermissionsHistory: 'permissionsHistory',
  // Troubleshooting assistant and helpdesk mode. Data: `{ sessionId, revision }` (an opaque case id and the
  // case revision the card showed) plus what each verb names; the case is loaded and its owner checked.
  /** /troubleshoot: app and problem chosen (inputs `client`, `symptom`). */
  TroubleshootChoose: 'troubleshootChoose',
  /** /troubleshoot: the person named (input `person`; input `triedRole` for a refused external share). */
  TroubleshootPerson: 'troubleshootPerson',
  /** /troubleshoot: a question answered: `{ nodeId, answerId }`. */
  TroubleshootAnswer: 'troubleshootAnswer',
  /** /troubleshoot: "did this fix it?": `{ nodeId, fixed: 'yes' | 'no' }`. */
  TroubleshootFeedback: 'troubleshootFeedback',
  /** /troubleshoot: send the case summary to the helpdesk. */
  TroubleshootHandoff: 'troubleshootHandoff',
  /** The EWS helper: open it, or check the typed server (input `ewsInput`): `{ sessionId?, step: 'open' | 'check' }`. */
  TroubleshootEws: 'troubleshootEws',
  /** /diagnose: send the person a troubleshooting card: `{ diagnosisId }`, inputs `symptom`, `person`. */
  HelpdeskSendCard: 'helpdeskSendCard',
  // Free/busy (/freebusy). Booking data: `{ proposalId, slot }`; the proposal is loaded and its owner checked.
  /** /freebusy: the form was filled (inputs `people`, `names`, `window`, `date`, `part`, `duration`, `calendars`). */
  FreeBusySearch: 'freeBusySearch',
  /** /freebusy: the form again, prefilled from the last search: `{ names, window, duration, part }`. */
  FreeBusyForm: 'freeBusyForm',
  /** /freebusy: ask to confirm creating the meeting of one proposed slot. */
  FreeBusyBook: 'freeBusyBook',
  /** /freebusy: create the meeting (input `subject`). */
  FreeBusyBookConfirm: 'freeBusyBookConfirm',
  /** /freebusy: drop the confirmation. */
  FreeBusyBookCancel: 'freeBusyBookCancel',
  /** /troubleshoot, booking tool: what a main-calendar-only tool sees next to what is really busy. */
  BookingToolView: 'bookingToolView',
  /** /snapshot: the form was filled; preview it (inputs calendarId, range, from, to, level, workingHours, people?, emails). */
  SnapshotPreview: 'snapshotPreview',
  /** /snapshot: send the previewed mail: `{ draftId }`. */
  SnapshotSend: 'snapshotSend',
  /** /snapshot: a shorter range or less detail for a snapshot over a limit: `{ draftId, range? , level? }`. */
  SnapshotAdjust: 'snapshotAdjust',
  /** /snapshot: drop the preview: `{ draftId }`. */
  SnapshotCancel: 'snapshotCancel',
  /** /publish: publish a calendar (inputs calendarId, level). */
  PublishCreate: 'publishCreate',
  /** /permissions: choose another level for a published link: `{ publicationId }`. */
  PublishChange: 'publishChange',
  /** /permissions: save the level (input level): `{ publicationId }`. */
  PublishChangeConfirm: 'publishChangeConfirm',
  /** /permissions: ask to confirm a new link (the old one stops): `{ publicationId }`. */
  PublishRotate: 'publishRotate',
  PublishRotateConfirm: 'publishRotateConfirm',
  /** /permissions: ask to confirm stopping a published link: `{ publicationId }`. */
  PublishStop: 'publishStop',
  PublishStopConfirm: 'publishStopConfirm',
  // iCalendar feeds. Data: `{ feedId }` or `{ draftId }`; the record is loaded and its owner checked.
  /** /addfeed: fetch and preview the typed address (inputs url, user, password, token). */
  FeedPreview: 'feedPreview',
  /** /addfeed: save the previewed feed: `{ draftId }`, inputs `target` ('new' or a calendar id) and `calendarName`. */
  FeedCreate: 'feedCreate',
  /** /addfeed: drop the preview: `{ draftId }`. */
  FeedCancel: 'feedCancel',
  /** /feeds: the list of my feeds. */
  FeedsShow: 'feedsShow',
  FeedSyncNow: 'feedSyncNow',
  FeedPause: 'feedPause',
  /** Resume a paused feed and sync it at once (also the "Retry" of a paused notice). */
  FeedResume: 'feedResume',
  FeedRename: 'feedRename',
  /** `{ feedId }`, input `name`. */
  FeedRenameSave: 'feedRenameSave',
  FeedRemove: 'feedRemove',
  /** `{ feedId, deleteEvents: boolean }`. */
  FeedRemoveConfirm: 'feedRemoveConfirm',
  /** The address form for a feed that fails (moved, new credentials): `{ feedId }`. */
  FeedFix: 'feedFix',
  /** `{ feedId }`, inputs url, user, password, token: checked with a fetch, then the feed syncs again. */
  FeedFixSave: 'feedFixSave',
  /** /sync: connect a CalDAV account (inputs serverUrl, userName, password). */
  SyncConnect: 'syncConnect',
  /** /sync: calendars, direction and policy picked: `{ pairId }`, inputs caldavCalendar, outlookCalendar, direction, policy. */
  SyncPreview: 'syncPreview',
  /** /sync: start a previewed pair: `{ pairId }`. */
  SyncStart: 'syncStart',
  /** Status card: `{ pairId }` for each of sync now, pause, resume, ask to remove. */
  SyncNow: 'syncNow',
  SyncPause: 'syncPause',
  SyncResume: 'syncResume',
  SyncAskRemove: 'syncAskRemove',
  /** Remove a pair: `{ pairId, choice: 'none' | 'outlook' | 'caldav' }` (where to delete the synced events). */
  SyncRemove: 'syncRemove',
  /** One side emptied: the owner confirms the deletions: `{ pairId }`. */
  SyncConfirmEmptied: 'syncConfirmEmptied',
  /** The connect card again, for another pair. */
  SyncAdd: 'syncAdd',
} as const;

export type Verb = (typeof Verb)[keyof typeof Verb];
