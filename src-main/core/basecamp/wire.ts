// One HTTP exchange on got: no retries, no redirects, the body read with a size cap.
// Everything above this (auth, governor, cache, retries) lives in client.ts.
import got, { type Method } from 'got';
import { BasecampError, DownloadTooLargeError, NetworkError, RequestTimeoutError } from './errors.ts';

export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Stop reading and fail past this many body bytes. */
  maxBytes: number;
  /** For messages: the method and path without host or query. */
  label: { method: string; path: string };
  /** A file download (its size error speaks of a file, not of an API answer). */
  download?: boolean;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: Buffer;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function sendOnce(request: WireRequest): Promise<WireResponse> {
  const stream = got.stream(request.url, {
    method: request.method as Method,
    headers: request.headers,
    // got's stream waits for a body on these methods; an empty one ends the request.
    ...(BODY_METHODS.has(request.method) ? { body: request.body ?? '' } : {}),
    throwHttpErrors: false,
    followRedirect: false,
    retry: { limit: 0 },
    timeout: { request: request.timeoutMs },
    decompress: true,
    ...(request.signal ? { signal: request.signal } : {}),
  });

  let status = 0;
  let headers: Record<string, string | undefined> = {};
  stream.once(
    'response',
    (response: { statusCode: number; headers: Record<string, string | string[] | undefined> }) => {
      status = response.statusCode;
      headers = flattenHeaders(response.headers);
    },
  );

  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > request.maxBytes) {
        stream.destroy();
        throw request.download
          ? new DownloadTooLargeError(request.maxBytes, { status, ...request.label })
          : new BasecampError(
              'bad_response',
              `Basecamp's answer to ${request.label.method} ${request.label.path} is larger than ${request.maxBytes} bytes, more than this client reads. Ask for fewer items (use a limit) or a narrower filter.`,
              { status, ...request.label },
            );
      }
      chunks.push(chunk);
    }
  } catch (error) {
    throw transportError(error, request);
  }
  return { status, headers, body: Buffer.concat(chunks) };
}

function flattenHeaders(
  raw: Record<string, string | string[] | undefined>,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(raw))
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

/**
 * Turn a got/socket failure into a typed error; an abort from the caller passes through untouched.
 * got's error is not kept as `cause`: it carries the request options, Authorization header included.
 */
function transportError(error: unknown, request: WireRequest): unknown {
  if (request.signal?.aborted) return request.signal.reason;
  if (error instanceof BasecampError) return error;
  const code = (error as { code?: string } | null)?.code;
  const { method, path } = request.label;
  if (code === 'ETIMEDOUT' || (error as Error | null)?.name === 'TimeoutError') {
    return new RequestTimeoutError(
      `Basecamp did not answer ${method} ${path} within ${Math.round(request.timeoutMs / 1000)} s. Check the connection and try again.`,
      { method, path },
    );
  }
  const reason = code ? ` (${code})` : '';
  return new NetworkError(
    `Could not reach Basecamp for ${method} ${path}${reason}. Check the internet connection (and any proxy or VPN), then try again.`,
    { method, path },
  );
}
