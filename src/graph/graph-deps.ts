import type { Clock } from '../clock';
import type { GraphApi } from './graph-api';
import type { GraphBatch } from './graph-batch';

/** What each area of the gateway gets: the shared Graph access and the batcher on top of it. */
export interface GraphDeps {
  api: GraphApi;
  batch: GraphBatch;
  /** For what the gateway keeps a short while (the caller's own profile). */
  clock: Clock;
}
