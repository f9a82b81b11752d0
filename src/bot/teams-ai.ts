/**
 * The parts of teams-ai this bot uses, from their own modules. The package index also loads the AI
 * planner, models, tokenizers and the OpenAI client (about half of teams-ai's load time and memory),
 * none of which this bot runs. Everything in src/bot imports teams-ai from here.
 */
export { Application } from '@microsoft/teams-ai/lib/Application';
export { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter';
export { TurnState } from '@microsoft/teams-ai/lib/TurnState';
export type { AuthenticationOptions } from '@microsoft/teams-ai/lib/authentication/Authentication';
