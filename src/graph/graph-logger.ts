/** The little the gateway logs through; a pino `Logger` fits. Fields never hold tokens or headers. */
export interface GraphLogger {
  debug(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export const silentLogger: GraphLogger = { debug: () => undefined, warn: () => undefined };
