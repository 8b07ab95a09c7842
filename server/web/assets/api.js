// The JSON API (proto/minegate/v1/api.proto, docs/api.md) as the pages call it: protobuf's JSON
// form (lowerCamelCase names, int64 as strings, enums by name, fields at their default value
// left out), errors as application/problem+json, and the session's CSRF token in the
// X-CSRF-Token header of every request that changes something. No DOM (unit-tested under node).

/// A refusal or failure, from a problem body (RFC 9457) or made here when there was none.
export class ApiError extends Error {
  constructor({ type = '', title = '', status = 0, detail = '', field = '', retryAfterMs = 0, errors = [] }) {
    super(title || type || `HTTP ${status}`);
    this.type = type;
    this.title = title;
    this.status = Number(status) || 0;
    this.detail = detail;
    this.field = field;
    this.retryAfterMs = Number(retryAfterMs) || 0;
    /// A problem's list of errors when it has one (an invalid rule set's, each at its line).
    this.errors = Array.isArray(errors) ? errors : [];
  }
}

export const NETWORK_PROBLEM = 'urn:minegate:problem:network';

/// Appends `params` (skipping undefined, null and '') to `path` as a query string.
export function withQuery(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    query.append(name, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

const changesState = (method) => method !== 'GET' && method !== 'HEAD';

async function problemOf(response) {
  const type = response.headers.get('content-type') ?? '';
  const text = await response.text();
  if (type.includes('json')) {
    try {
      return new ApiError({ status: response.status, ...JSON.parse(text) });
    } catch {
      // Not JSON after all: the text below.
    }
  }
  // The net layer's own refusals (413, 431, 500...) are bilingual text.
  return new ApiError({ status: response.status, title: text.trim() || `HTTP ${response.status}` });
}

/// A client with its own CSRF token. `onUnauthorized(error)` runs on a 401 (the session ended),
/// before the error is thrown to the caller.
export function createApi({ fetchImpl = (...args) => fetch(...args), onUnauthorized } = {}) {
  let csrfToken = '';

  /// `reason`, `caseReference`: the Minegate-Reason and Minegate-Case-Reference headers of a
  /// route that asks why (docs/api.md §1.12), percent-encoded as the server reads them.
  async function send(method, path, body, { reason, caseReference, accept = 'application/json' } = {}) {
    const headers = { Accept: accept };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (reason !== undefined) headers['Minegate-Reason'] = encodeURIComponent(reason);
    if (caseReference !== undefined) headers['Minegate-Case-Reference'] = encodeURIComponent(caseReference);
    if (changesState(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
    let response;
    try {
      response = await fetchImpl(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      throw new ApiError({
        type: NETWORK_PROBLEM,
        title: 'serveur injoignable / server unreachable',
      });
    }
    if (!response.ok) {
      const error = await problemOf(response);
      if (error.status === 401 && onUnauthorized) onUnauthorized(error);
      throw error;
    }
    return response;
  }

  async function request(method, path, body, options) {
    const text = await (await send(method, path, body, options)).text();
    return text ? JSON.parse(text) : {};
  }

  /// A file the server makes (a CSV export) for a route that needs headers a plain link cannot
  /// send (a reason, a case reference): { blob, filename } (the name from Content-Disposition).
  async function file(path, params, options = {}) {
    const response = await send('GET', withQuery(path, params), undefined, { ...options, accept: 'text/csv, application/problem+json' });
    const disposition = response.headers.get('content-disposition') ?? '';
    const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? '';
    return { blob: await response.blob(), filename };
  }

  return {
    setCsrfToken(token) {
      csrfToken = token ?? '';
    },
    csrfToken: () => csrfToken,
    get: (path, params, options) => request('GET', withQuery(path, params), undefined, options),
    post: (path, body = {}) => request('POST', path, body),
    put: (path, body = {}) => request('PUT', path, body),
    del: (path) => request('DELETE', path),
    file,
    request,
  };
}

/// "/v1/users/{id}" with the id percent-encoded.
export function pathOf(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => encodeURIComponent(String(values[name])));
}
