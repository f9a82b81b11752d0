import { Agent, request } from 'undici';

/** One HTTP attempt as the transport middleware sends it: headers already final, body already serialized. */
export interface HttpRequest {
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  signal: AbortSignal;
}

/** An answer read to its end: Graph answers are small JSON, read inside the attempt's deadline. */
export interface HttpAnswer {
  status: number;
  statusText: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Buffer;
}

/** How Graph requests reach the network; tests wrap one to observe or meter traffic. */
export type HttpTransport = (url: string, request: HttpRequest) => Promise<HttpAnswer>;

/**
 * The default transport: undici's `request` on a keep-alive connection pool. The platform's `fetch`
 * builds WHATWG Request, Headers and Response objects and streams for every call; measured on this
 * project's machine it spends three to four times the CPU of `request` per Graph round trip
 * (docs/performance.md), and every bot turn that reads Graph pays it.
 */
export function undiciTransport(dispatcher: Agent = new Agent({ connections: 64 })): HttpTransport {
  return async (url, init) => {
    const answer = await request(url, { method: init.method as 'GET', headers: init.headers, body: init.body, signal: init.signal, dispatcher });
    const body = Buffer.from(await answer.body.arrayBuffer());
    return { status: answer.statusCode, statusText: '', headers: flatHeaders(answer.headers), body };
  };
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}

/** Read-only headers with the one method the Graph client and our middleware call. */
export class AnswerHeaders {
  constructor(private readonly values: Record<string, string>) {}

  get(name: string): string | null {
    return this.values[name.toLowerCase()] ?? null;
  }
}

/**
 * A complete answer in the part of the `Response` shape the Graph client reads (status, ok, headers.get and the
 * body readers). Constructing a platform `Response` costs more than reading the answer did; this costs nothing.
 */
export class BufferedResponse {
  readonly headers: AnswerHeaders;
  readonly status: number;
  readonly statusText: string;

  constructor(private readonly answer: HttpAnswer) {
    this.status = answer.status;
    this.statusText = answer.statusText;
    this.headers = new AnswerHeaders(answer.headers);
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  /** The raw bytes; the client hands it out only for the stream response type, which the gateway never asks for. */
  get body(): Buffer {
    return this.answer.body;
  }

  text(): Promise<string> {
    return Promise.resolve(this.answer.body.toString('utf8'));
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    const { buffer, byteOffset, byteLength } = this.answer.body;
    return Promise.resolve(buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer);
  }

  blob(): Promise<Blob> {
    return Promise.resolve(new Blob([this.answer.body], { type: this.headers.get('content-type') ?? '' }));
  }

  /** The body is already in memory: a copy can be read as many times as wanted. */
  clone(): BufferedResponse {
    return new BufferedResponse(this.answer);
  }
}
