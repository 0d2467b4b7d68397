/**
 * What an endpoint hands back to the server before anything is written: a status, a body and headers, plus the
 * client the request log attributes it to. Shared by the token and data endpoints so that neither writes to the
 * socket; server.ts alone records and writes.
 */
import type { HttpError } from './errors.js';

export interface Reply {
  status: number;
  body: unknown;
  headers?: Readonly<Record<string, string>>;
}

/** A reply and, once the caller is known (valid token or client credentials), its client id for the log. */
export interface Handled {
  reply: Reply;
  clientId?: string;
}

export const errorReply = (error: HttpError): Reply => ({
  status: error.status,
  body: error.body,
  headers: error.headers,
});
