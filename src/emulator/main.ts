/**
 * `npm run emulator [-- --port 5990] [--reset] [--org <file>]`: the Graph emulator on its own, with state kept in
 * .data/emulator-state.json. It is a development tool and refuses to run in production.
 */
import path from 'node:path';
import { createLogger } from '../logger';
import { startGraphEmulator } from './index';

function portFrom(argv: string[]): number {
  const index = argv.indexOf('--port');
  const inline = argv.find((arg) => arg.startsWith('--port='));
  const value = inline ? inline.slice('--port='.length) : index >= 0 ? argv[index + 1] : undefined;
  if (value === undefined) return 5990;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid --port ${value}`);
  return port;
}

/** `--org <file>`: another organisation than the demo one (the bench seeds 200 people this way). */
function orgFileFrom(argv: string[]): string | undefined {
  const index = argv.indexOf('--org');
  return index >= 0 ? path.resolve(argv[index + 1] ?? '') : undefined;
}

async function main(): Promise<void> {
  // The one environment read here: an emulator that accepts made-up tokens must never run in production.
  if (process.env.NODE_ENV === 'production') {
    console.error('The Graph emulator accepts fake tokens and must not run with NODE_ENV=production.');
    process.exit(1);
  }
  const argv = process.argv.slice(2);
  const logger = createLogger('info');
  const emulator = await startGraphEmulator({
    port: portFrom(argv),
    stateFile: path.resolve('.data', 'emulator-state.json'),
    orgFile: orgFileFrom(argv),
    logger,
  });
  if (argv.includes('--reset')) {
    emulator.control.reset();
    console.log('Demo organisation restored.');
  }
  console.log(`Graph emulator: ${emulator.baseUrl}`);
  console.log(`Sent mail: ${emulator.origin}/_emulator/inbox/<address>`);
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
