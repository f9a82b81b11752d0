import { emulatorToken } from '../emulator/token';
import type { Caller, TokenProvider } from './calendar-gateway';

/** Local mode only: the Graph emulator accepts `emu.<aadObjectId>` as the caller's token. */
export class LocalTokenProvider implements TokenProvider {
  getToken(caller: Caller): Promise<string> {
    return Promise.resolve(emulatorToken(caller.userId));
  }
}
