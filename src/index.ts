import path from 'node:path';
import { startApp } from './app-runtime';
import { ConfigError, loadConfig } from './config';

/** Front door: read config, start the app, stop cleanly on a signal. */
async function main(): Promise<void> {
  const config = loadConfig(path.resolve(__dirname, '..'));
  const running = await startApp(config);
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `Start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
