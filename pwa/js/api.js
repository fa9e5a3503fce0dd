// The one way the PWA talks to the server: JSON over fetch, same-origin cookie, errors as ApiError.
import { connection } from './connection.js';

/** An API answer that was not 2xx: status, message and field errors from the server's JSON. */
export class ApiError extends Error {
  constructor(status, message, errors = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.errors = errors;
  }
}

/** True when the request never reached the server (offline, DNS, connection refused). */
export function isNetworkError(error) {
  return error instanceof TypeError || error?.name === 'NetworkError';
}

/**
 * Send one API request. Resolves with the parsed JSON (null for 204), rejects with ApiError for
 * an HTTP error, or with the fetch TypeError when offline.
 * @param {string} method  GET, POST, PUT, PATCH or DELETE
 * @param {string} path    beginning with /api/
 * @param {unknown} [body] sent as JSON
 */
export async function request(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    connection.missed();
    throw error;
  }
  connection.reached();
  const text = await response.text(); // always read the body (keeps Chromium's network idle)
  const data = text ? safeJson(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, data?.message || response.statusText, data?.errors || {});
  }
  if (response.headers.get('X-Pagination') && data) {
    Object.defineProperty(data, 'pagination', {
      value: JSON.parse(response.headers.get('X-Pagination')),
      enumerable: false,
    });
  }
  return data;
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const api = {
  request,
  get: (path) => request('GET', path),
  post: (path, body) => request('POST', path, body),
  put: (path, body) => request('PUT', path, body),
  patch: (path, body) => request('PATCH', path, body),
  del: (path) => request('DELETE', path),
};
