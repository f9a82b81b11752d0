import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { Verb } from '../../cards/verbs';
import type { Clock } from '../../clock';
import type { AppConfig } from '../../config';
import type { CalendarGateway } from '../../graph/calendar-gateway';
import type { DatabaseSchema } from '../../storage/schema';
import { CaseChecks } from '../../troubleshoot/case-checks';
import { HelpdeskAuditLog } from '../../troubleshoot/helpdesk-audit';
import { TroubleshootSessionStore } from '../../troubleshoot/session-store';
import type { SharingRecordsReader } from '../../troubleshoot/sharing-records';
import type { TroubleshootTrees } from '../../troubleshoot/tree-loader';
import type { Feature } from '../feature';
import type { Notifier } from '../notifier';
import { CaseHandoff } from './case-handoff';
import { EwsHelperDialog } from './ews-helper';
import { HelpdeskMode } from './helpdesk-mode';
import type { TroubleshootDeps } from './troubleshoot-deps';
import { TroubleshootFlow } from './troubleshoot-flow';

/** The troubleshooting assistant and helpdesk mode as one feature: /troubleshoot, /diagnose and their cards. */
export function troubleshootFeature(deps: TroubleshootDeps): Feature {
  const flow = new TroubleshootFlow(deps);
  const handoff = new CaseHandoff(deps);
  const ews = new EwsHelperDialog(deps);
  const helpdesk = new HelpdeskMode(deps);
  return {
    commands: {
      troubleshoot: (caller, args, understood) => flow.start(caller, args, understood),
      diagnose: (caller, args) => helpdesk.diagnose(caller, args),
    },
    actions: {
      [Verb.TroubleshootChoose]: (caller, data) => flow.choose(caller, data),
      [Verb.TroubleshootPerson]: (caller, data) => flow.person(caller, data),
      [Verb.TroubleshootAnswer]: (caller, data) => flow.answer(caller, data),
      [Verb.TroubleshootFeedback]: (caller, data) => flow.feedback(caller, data),
      [Verb.TroubleshootHandoff]: (caller, data) => handoff.send(caller, data),
      [Verb.TroubleshootEws]: (caller, data) => ews.handle(caller, data),
      [Verb.HelpdeskSendCard]: (caller, data) => helpdesk.sendCard(caller, data),
    },
  };
}

export interface TroubleshootFeatureOptions {
  config: Pick<AppConfig, 'helpdeskUsers' | 'sharingPolicy' | 'organization'>;
  db: Kysely<DatabaseSchema>;
  gateway: CalendarGateway;
  /** Validated at start-up with `loadTroubleshootTrees()`: a broken tree stops the bot before it listens. */
  trees: TroubleshootTrees;
  records: SharingRecordsReader;
  notifier: Notifier;
  clock: Clock;
  logger: Logger;
  /** The free/busy feature's "what a booking tool sees" card, shown when the case is about a booking tool. */
  bookingToolView?: TroubleshootDeps['bookingToolView'];
  parkedWork?: TroubleshootDeps['parkedWork'];
  resendInvitation?: TroubleshootDeps['resendInvitation'];
}

/** Builds the feature with its stores, from what the runtime already has. */
export function createTroubleshootFeature(options: TroubleshootFeatureOptions): Feature {
  const { config, db, gateway, records, clock } = options;
  return troubleshootFeature({
    trees: options.trees,
    sessions: new TroubleshootSessionStore(db, clock),
    checks: new CaseChecks({ gateway, records, policy: config.sharingPolicy, organizationDomains: config.organization.domains, clock }),
    gateway,
    records,
    notifier: options.notifier,
    audit: new HelpdeskAuditLog(db, clock),
    helpdeskUsers: config.helpdeskUsers.map((address) => address.toLowerCase()),
    exchangeOnlineDomains: config.organization.domains,
    clock,
    logger: options.logger,
    bookingToolView: options.bookingToolView,
    parkedWork: options.parkedWork,
    resendInvitation: options.resendInvitation,
  });
}
