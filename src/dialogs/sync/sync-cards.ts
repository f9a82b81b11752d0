import { renderCard, type AdaptiveCardJson } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import type { SyncPair } from '../../two-way-sync/sync-pair-store';
import type { Caller } from '../caller';
import { formatDate } from '../../i18n/dates';

export function connectCard(caller: Caller, values: { serverUrl?: string; userName?: string; error?: string; local?: { url: string; userName: string; password: string } } = {}): AdaptiveCardJson {
  const t = caller.t;
  const local = values.local;
  return renderCard('sync-connect', {
    title: t('sync:connect.title'),
    intro: t('sync:connect.intro'),
    error: values.error ?? '',
    serverLabel: t('sync:connect.serverLabel'),
    userLabel: t('sync:connect.userLabel'),
    passwordLabel: t('sync:connect.passwordLabel'),
    help: local ? `${t('sync:connect.help')}\n\n${t('sync:connect.local', { url: local.url, user: local.userName, password: local.password })}` : `${t('sync:connect.help')}\n\n${t('sync:connect.noLocal')}`,
    connect: t('sync:connect.button'),
    serverUrl: values.serverUrl ?? local?.url ?? '',
    userName: values.userName ?? local?.userName ?? '',
  });
}

export function pickCard(caller: Caller, input: { pairId: string; server: string; caldav: Array<{ title: string; value: string }>; outlook: Array<{ title: string; value: string }>; error?: string }): AdaptiveCardJson {
  const t = caller.t;
  return renderCard('sync-pick', {
    title: t('sync:pick.title'),
    error: input.error ?? '',
    pairId: input.pairId,
    caldavLabel: t('sync:pick.caldavLabel', { server: input.server }),
    outlookLabel: t('sync:pick.outlookLabel'),
    directionLabel: t('sync:pick.directionLabel'),
    policyLabel: t('sync:pick.policyLabel'),
    caldavChoices: input.caldav,
    outlookChoices: input.outlook,
    caldavValue: input.caldav[0]?.value ?? '',
    outlookValue: input.outlook[0]?.value ?? '',
    directions: ['both', 'toCaldav', 'toOutlook'].map((value) => ({ value, title: t(`sync:pick.${value}`) })),
    policies: ['newer', 'outlook', 'caldav'].map((value) => ({ value, title: t(`sync:pick.${value}`) })),
    next: t('sync:pick.next'),
  });
}

interface ActionButton {
  title: string;
  verb: string;
  pairId: string;
  choice?: string;
}

export function messageCard(input: { title: string; warning?: string; lines?: string[]; facts?: Array<{ title: string; value: string }>; actions?: ActionButton[] }): AdaptiveCardJson {
  return renderCard('sync-status', {
    title: input.title,
    warning: input.warning ?? '',
    lines: (input.lines ?? []).map((text) => ({ text })),
    facts: input.facts ?? [],
    actions: (input.actions ?? []).map((action) => ({ choice: '', ...action })),
  });
}

export function previewCard(caller: Caller, pair: SyncPair, preview: { toOutlook: number; toCaldav: number; matched: number; unsupported: number }): AdaptiveCardJson {
  const t = caller.t;
  const lines = [
    t('sync:preview.toOutlook', { count: preview.toOutlook }),
    t('sync:preview.toCaldav', { count: preview.toCaldav, calendar: pair.caldav.name }),
    t('sync:preview.matched', { count: preview.matched }),
    ...(preview.unsupported ? [t('sync:preview.unsupported', { count: preview.unsupported })] : []),
  ];
  return messageCard({
    title: t('sync:preview.title'),
    lines,
    actions: [
      { title: t('sync:preview.start'), verb: Verb.SyncStart, pairId: pair.id },
      { title: t('sync:preview.cancel'), verb: Verb.SyncRemove, pairId: pair.id, choice: 'none' },
    ],
  });
}

export function statusCard(caller: Caller, pair: SyncPair): AdaptiveCardJson {
  const t = caller.t;
  const report = pair.lastReport;
  const names = { outlook: pair.outlook.name, caldav: pair.caldav.name };
  const warning =
    pair.status === 'paused' ? (pair.pauseReason === 'user' ? t('sync:status.pausedByYou') : t('sync:status.paused', { reason: t(`sync:problems.${pair.pauseReason ?? 'serverError'}`) })) : pair.lastProblem ? t('sync:failed', { reason: t(`sync:problems.${pair.lastProblem}`) }) : '';
  const moved = (side: { created: number; updated: number; deleted: number }) => side.created + side.updated + side.deleted;
  const facts = [
    { title: t('sync:status.lastSync'), value: pair.lastSuccessAt ? formatDate(caller.locale, new Date(pair.lastSuccessAt), { timeZone: caller.timeZone ?? 'UTC', dateStyle: 'medium', timeStyle: 'short' }) : t('sync:status.never') },
    { title: t('sync:status.direction'), value: t(`sync:pick.${pair.direction}`) },
    { title: t('sync:status.policy'), value: t(`sync:pick.${pair.policy}`) },
    ...(report ? [{ title: t('sync:status.lastRun'), value: t('sync:status.lastRunValue', { toOutlook: moved(report.toOutlook), toCaldav: moved(report.toCaldav), caldav: pair.caldav.name }) }] : []),
  ];
  const lines = (report?.conflicts ?? []).slice(0, 10).map((conflict) => t('sync:status.conflicts', { subject: conflict.subject, kept: t(conflict.kept === 'outlook' ? 'sync:status.keptOutlook' : 'sync:status.keptCaldav') }));
  const actions: ActionButton[] = [];
  if (pair.status === 'paused' && (pair.pauseReason === 'caldavEmptied' || pair.pauseReason === 'outlookEmptied')) {
    actions.push({ title: t(pair.pauseReason === 'caldavEmptied' ? 'sync:status.confirmEmptied' : 'sync:status.confirmEmptiedCaldav'), verb: Verb.SyncConfirmEmptied, pairId: pair.id });
  }
  if (pair.status === 'active') actions.push({ title: t('sync:status.syncNow'), verb: Verb.SyncNow, pairId: pair.id }, { title: t('sync:status.pause'), verb: Verb.SyncPause, pairId: pair.id });
  else actions.push({ title: t('sync:status.resume'), verb: Verb.SyncResume, pairId: pair.id });
  actions.push({ title: t('sync:status.remove'), verb: Verb.SyncAskRemove, pairId: pair.id });
  return messageCard({ title: t('sync:status.title', names), warning, lines, facts, actions });
}

export function removeCard(caller: Caller, pair: SyncPair): AdaptiveCardJson {
  const t = caller.t;
  const names = { outlook: pair.outlook.name, caldav: pair.caldav.name };
  return messageCard({
    title: t('sync:remove.title', names),
    lines: [t('sync:remove.intro')],
    actions: [
      { title: t('sync:remove.keepAll'), verb: Verb.SyncRemove, pairId: pair.id, choice: 'none' },
      { title: t('sync:remove.deleteOutlook'), verb: Verb.SyncRemove, pairId: pair.id, choice: 'outlook' },
      { title: t('sync:remove.deleteCaldav', names), verb: Verb.SyncRemove, pairId: pair.id, choice: 'caldav' },
    ],
  });
}
