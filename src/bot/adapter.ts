import { ConfigurationBotFrameworkAuthentication, type Activity, type ConfigurationBotFrameworkAuthenticationOptions, type InvokeResponse, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, type AuthenticateRequestResult, type ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Logger } from 'pino';
import { TeamsAdapter } from './teams-ai';
import type { AppConfig } from '../config';
import { ConnectorClients } from './connector-clients';
import { filterLibraryConsoleErrors } from './library-log-filter';

/** Bot Framework settings from our config. In local mode the app id stays empty: anonymous. */
function botFrameworkOptions(config: AppConfig): ConfigurationBotFrameworkAuthenticationOptions {
  if (config.mode === 'local') return {};
  return {
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppTenantId: config.bot.tenantId,
    MicrosoftAppType: config.bot.appType,
    ...(config.bot.openIdMetadataUrl ? publicCloudWithMetadata(config.bot.openIdMetadataUrl) : {}),
  };
}

/**
 * A custom OpenID metadata URL (sovereign clouds, tests) makes botbuilder use only explicit settings,
 * so the public cloud's other values must come with it.
 */
function publicCloudWithMetadata(openIdMetadataUrl: string): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ValidateAuthority: true,
  };
}

/** The teams-ai adapter, with a way to run a turn for a request we have already authenticated. */
export class BotAdapter extends TeamsAdapter {
  private readonly connectors = new ConnectorClients();

  runAuthenticated(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(this.connectors.reusing(auth), activity, logic);
  }
}

/**
 * The adapter sends replies and proactive messages; `auth` validates incoming requests. The same
 * settings feed both, so what we check on the way in matches the credentials we use on the way out.
 */
export function createBotAdapter(
  config: AppConfig,
  logger: Logger,
  /** Tests of the production path: how the bot signs its own calls to the connector (default: its app password). */
  credentials?: ServiceClientCredentialsFactory,
): { adapter: BotAdapter; auth: ConfigurationBotFrameworkAuthentication } {
  filterLibraryConsoleErrors(logger);
  const options = botFrameworkOptions(config);
  return { adapter: new BotAdapter(options, credentials), auth: new ConfigurationBotFrameworkAuthentication(options, credentials) };
}
