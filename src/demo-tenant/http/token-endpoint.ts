/**
 * `POST /oauth/token`: SailPoint's client-credentials grant, as strict about the form as SailPoint is (one content
 * type, no parameter given twice). Apart from the data endpoints because it is the one request that reads a body
 * and answers in OAuth's error shape instead of SailPoint's.
 */
import type { IncomingMessage } from 'node:http';
import type { TokenAuthority } from '../auth.js';
import { errorResponseDto } from './errors.js';
import { readQuery } from './params.js';
import type { Handled, Reply } from './reply.js';

export const TOKEN_PATH = '/oauth/token';
const MAX_BODY_BYTES = 64 * 1024;

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    // An aborted upload never ends; its reply goes nowhere anyway.
    req.on('close', () => resolve(null));
    req.on('error', reject);
  });
}

export async function tokenEndpoint(
  authority: TokenAuthority,
  req: IncomingMessage,
  search: string,
): Promise<Handled> {
  const oauthError = (status: number, error: string, description: string): { reply: Reply } => ({
    reply: { status, body: { error, error_description: description } },
  });
  if (req.method !== 'POST') {
    return {
      reply: {
        status: 405,
        body: errorResponseDto(405, 'Use POST for /oauth/token'),
        headers: { Allow: 'POST' },
      },
    };
  }
  const body = await readBody(req);
  if (body === null) return oauthError(413, 'invalid_request', 'Request body too large');
  const fields = readQuery(search);
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const merged = new Map(Object.entries(fields.values));
  if (body.length > 0) {
    if (contentType !== 'application/x-www-form-urlencoded') {
      return oauthError(
        400,
        'invalid_request',
        `Unsupported content type '${contentType}': send application/x-www-form-urlencoded or use the query string`,
      );
    }
    const form = readQuery(body);
    for (const [name, value] of Object.entries(form.values)) {
      const existing = merged.get(name);
      if ((existing !== undefined && existing !== value) || form.repeated.has(name)) {
        return oauthError(400, 'invalid_request', `Parameter '${name}' given more than once`);
      }
      merged.set(name, value);
    }
  }
  const grantType = merged.get('grant_type');
  if (grantType === undefined) return oauthError(400, 'invalid_request', 'Missing grant type');
  if (grantType !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`);
  }
  const client = authority.authenticate(merged.get('client_id') ?? '', merged.get('client_secret') ?? '');
  if (!client) return oauthError(401, 'invalid_client', 'Bad client credentials');
  return {
    reply: {
      status: 200,
      body: authority.tokenResponse(client.clientId),
      headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    },
    clientId: client.clientId,
  };
}
