import pino, { type Logger } from 'pino';

/** Paths pino blanks out wherever they appear, so a token or secret never reaches a log line. */
const redactedPaths = [
  'authorization', '*.authorization', 'headers.authorization', 'req.headers.authorization',
  'token', '*.token', 'accessToken', '*.accessToken', 'password', '*.password', 'secret', '*.secret', 'clientSecret', '*.clientSecret',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: redactedPaths, censor: '[redacted]' } }, destination);
}
