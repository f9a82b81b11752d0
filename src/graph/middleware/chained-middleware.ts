import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/** A link of the Graph client's middleware chain: the client calls `setNext` when it builds the chain. */
export abstract class ChainedMiddleware implements Middleware {
  private nextMiddleware?: Middleware;

  setNext(next: Middleware): void {
    this.nextMiddleware = next;
  }

  abstract execute(context: Context): Promise<void>;

  protected next(context: Context): Promise<void> {
    if (!this.nextMiddleware) throw new Error(`${this.constructor.name} is the last middleware but does not send requests`);
    return this.nextMiddleware.execute(context);
  }
}
