import type { Logger } from 'pino';
import type { Clock } from '../../clock';
import type { CalendarGateway } from '../../graph/calendar-gateway';
import type { Publication, PublicationStore } from '../../publishing/publication-store';
import type { PublishingPolicy } from '../../publishing/publishing-policy';

/** What the publish dialogs need, built once in app-runtime. */
export interface PublishFeatureDeps {
  gateway: CalendarGateway;
  publications: PublicationStore;
  /** The highest level a published calendar may show, or 'disabled' (config PUBLISHING_MAX_LEVEL). */
  policy: PublishingPolicy;
  /** The public origin of feed links (known once the server listens, locally). */
  linkBase: () => string;
  clock: Clock;
  logger?: Logger;
  /** Mails a rotated personal link (a share with someone outside) to its recipient. */
  personalLinks?: { resend(publication: Publication, token: string): Promise<void> };
}
