import pino, { type Logger } from 'pino';
import { censor, redactDeep, redactText } from './log-redaction';

/** Fast exact paths pino blanks out; `redactDeep` then covers every depth, case and string. */
const redactedPaths = [
  'authorization', '*.authorization', 'headers.authorization', 'req.headers.authorization',
  'token', '*.token', 'accessToken', '*.accessToken', 'password', '*.password', 'secret', '*.secret', 'clientSecret', '*.clientSecret',
];

/** The product's logger: structured JSON lines where no token, secret or cookie ever appears. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redactedPaths, censor },
      formatters: { log: (object) => redactDeep(object) as Record<string, unknown> },
      // redactDeep already turned errors into plain { type, message, stack, ... } objects.
      serializers: { err: (error: unknown) => error },
      hooks: {
        // The message text too: a library error message can quote a header or a URL with a code.
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
