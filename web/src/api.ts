// The web app's only way to the server: JSON calls to /api with the bearer token (kept in localStorage, taken once
// from the `#token=` fragment the server prints), SSE streams over fetch, and uploads with progress.
export interface ApiError {
  code: string;
  message: string;
}

export class ApiFailure extends Error {
  readonly code: string;
  readonly status: number;
  constructor(status: number, error: ApiError) {
    super(error.message);
    this.code = error.code;
    this.status = status;
  }
}

const tokenKey = 'mianba.token';

/** Moves a `#token=...` fragment into storage and out of the address bar. */
export function adoptTokenFromHash(): void {
  const match = /(?:^#|[#&])token=([^&]+)/.exec(location.hash);
  if (!match?.[1]) return;
  localStorage.setItem(tokenKey, decodeURIComponent(match[1]));
  history.replaceState(null, '', `${location.pathname}${location.search}#/ask`);
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const token = localStorage.getItem(tokenKey);
  return { ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra };
}

async function failure(response: Response): Promise<ApiFailure> {
  try {
    const body = (await response.json()) as { error?: ApiError };
    if (body.error) return new ApiFailure(response.status, body.error);
  } catch {
    // not JSON: fall through to the status line
  }
  return new ApiFailure(response.status, { code: 'http_error', message: `${response.status} ${response.statusText}` });
}

export async function getJson<T>(path: string, params: Record<string, string | number | boolean | undefined> = {}): Promise<T> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(key, String(value));
  const response = await fetch(`${path}${query.size > 0 ? `?${query}` : ''}`, { headers: headers() });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

export async function sendJson<T>(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: headers(body === undefined ? {} : { 'content-type': 'application/json' }),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/** POSTs JSON and reads the server-sent events of the response, calling `onEvent` for each. */
export async function streamEvents(path: string, body: unknown, onEvent: (event: string, data: unknown) => void, signal?: AbortSignal): Promise<void> {
  const response = await fetch(path, {
    method: 'POST',
    headers: headers({ 'content-type': 'application/json', accept: 'text/event-stream' }),
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
  if (!response.ok || !response.body) throw await failure(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let boundary = buffer.indexOf('\n\n');
    while (boundary >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      const event = /^event:\s*(.*)$/m.exec(block)?.[1] ?? 'message';
      const data = [...block.matchAll(/^data:\s?(.*)$/gm)].map((match) => match[1]).join('\n');
      if (data) onEvent(event, JSON.parse(data));
      boundary = buffer.indexOf('\n\n');
    }
  }
}

/** Multipart upload with byte progress (XHR: fetch has no upload progress). */
export function uploadFiles<T>(path: string, files: { file: File; name: string }[], onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const { file, name } of files) form.append('file', file, name);
    const request = new XMLHttpRequest();
    request.open('POST', path);
    for (const [key, value] of Object.entries(headers())) request.setRequestHeader(key, value);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = undefined;
      }
      if (request.status >= 200 && request.status < 300) resolve(body as T);
      else {
        const error = (body as { error?: ApiError } | undefined)?.error ?? { code: 'http_error', message: `${request.status}` };
        reject(new ApiFailure(request.status, error));
      }
    };
    request.onerror = () => reject(new ApiFailure(0, { code: 'network', message: 'network error' }));
    request.send(form);
  });
}

/** Authenticated download (a plain link cannot carry the bearer token). */
export async function downloadFile(path: string, name: string): Promise<void> {
  const response = await fetch(path, { headers: headers() });
  if (!response.ok) throw await failure(response);
  saveBlob(await response.blob(), name);
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
