// nlp.js ships no type declarations; these are the few entry points the classifier uses.
declare module '@nlpjs/core' {
  export interface Container {
    use(plugin: unknown): unknown;
  }
  export function containerBootstrap(): Promise<Container>;
}
declare module '@nlpjs/nlp' {
  export class Nlp {
    constructor(settings: Record<string, unknown>, container: unknown);
  }
}
declare module '@nlpjs/lang-en-min' {
  export const LangEn: unknown;
}
declare module '@nlpjs/lang-fr' {
  export const LangFr: unknown;
}
