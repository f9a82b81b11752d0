import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config';
import { startLocalStack } from './local-stack';

/**
 * `npm start`: the whole product offline. `npm start -- --as megan` opens the playground as
 * another demo user (see playground/README.md).
 */
async function main(): Promise<void> {
  const rootDir = path.resolve(__dirname, '..');
  const asIndex = process.argv.indexOf('--as');
  const person = asIndex > 0 ? process.argv[asIndex + 1] : undefined;
  const configFile = person ? `playground/${person}.m365agentsplayground.yml` : '.m365agentsplayground.yml';
  const stack = await startLocalStack({ rootDir, config: loadConfig(rootDir), playground: { port: 56150, configFile }, caldav: true });
  console.log(`\nCalendar Sharing Assistant is running.\n  Open ${stack.playgroundUrl} to chat with it.\n  Graph emulator: ${stack.emulator.baseUrl} (mail: ${stack.emulator.origin}/_emulator/inbox/<address>)\n`);
  const stop = () => void stack.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `Start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
