import type { Logger } from 'pino';

/**
 * botframework-connector prints with console.error when a JWT fails validation: the signing key it
 * tried ("Error finding key for token. Available keys: ...") and the raw error with its stack (an
 * expired token). Our endpoint already logs the refusal without key material. The key lines are
 * dropped; the library's own Error objects go through the logger as one structured line (name and
 * message, no stack, redacted like every log line); everything else reaches the console unchanged.
 */
const dropped = [/^Error finding key for token/];
const libraryStack = /node_modules[\\/](botframework-connector|botbuilder|jsonwebtoken)[\\/]/;

let installed = false;
let current: Logger | undefined;

export function filterLibraryConsoleErrors(logger?: Logger): void {
  if (logger) current = logger;
  if (installed) return;
  installed = true;
  const original = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    const [first] = args;
    if (typeof first === 'string' && dropped.some((pattern) => pattern.test(first))) return;
    if (first instanceof Error && libraryStack.test(first.stack ?? '')) {
      current?.warn({ library: { name: first.name, message: first.message } }, 'bot framework library reported an error');
      return;
    }
    original(...args);
  };
}
