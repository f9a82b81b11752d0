import { ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { AppConfig } from '../config';

/** Bot Framework settings from our config. In local mode the app id stays empty: anonymous. */
function botFrameworkOptions(config: AppConfig): ConfigurationBotFrameworkAuthenticationOptions {
  if (config.mode === 'local') return {};
  return {
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppTenantId: config.bot.tenantId,
    MicrosoftAppType: config.bot.appType,
    ...(config.bot.openIdMetadataUrl ? { ToBotFromChannelOpenIdMetadataUrl: config.bot.openIdMetadataUrl } : {}),
  };
}

/**
 * The adapter sends replies and proactive messages; `auth` validates incoming requests. The same
 * settings feed both, so what we check on the way in matches the credentials we use on the way out.
 */
export function createBotAdapter(config: AppConfig): { adapter: TeamsAdapter; auth: ConfigurationBotFrameworkAuthentication } {
  const options = botFrameworkOptions(config);
  return { adapter: new TeamsAdapter(options), auth: new ConfigurationBotFrameworkAuthentication(options) };
}
