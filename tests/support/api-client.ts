/** A minimal browser-like client: keeps cookies, fetches and sends the CSRF token like the web UI. */
export class ApiClient {
  private readonly cookies = new Map<string, string>();
  private csrfToken: string | undefined;
  bearer: string | undefined;

  constructor(readonly baseUrl: string) {}

  get<T = unknown>(path: string, headers: Record<string, string> = {}) {
    return this.request<T>("GET", path, undefined, headers);
  }
  post<T = unknown>(path: string, body?: unknown, headers: Record<string, string> = {}) {
    return this.request<T>("POST", path, body, headers);
  }
  patch<T = unknown>(path: string, body?: unknown, headers: Record<string, string> = {}) {
    return this.request<T>("PATCH", path, body, headers);
  }
  delete<T = unknown>(path: string, headers: Record<string, string> = {}) {
    return this.request<T>("DELETE", path, undefined, headers);
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const unsafe = method !== "GET" && method !== "HEAD";
    if (unsafe && !this.bearer && this.csrfToken === undefined) {
      const csrf = await this.request<{ token: string }>("GET", "/api/v1/auth/csrf");
      this.csrfToken = csrf.body.token;
    }
    const requestHeaders: Record<string, string> = {
      accept: "application/json",
      ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } : {}),
      ...(unsafe && this.csrfToken && !this.bearer ? { "x-csrf-token": this.csrfToken } : {}),
      ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
      ...(body !== undefined && typeof body !== "string" ? { "content-type": "application/json" } : {}),
      ...headers,
    };
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: requestHeaders,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair] = setCookie.split(";");
      const [name, ...value] = (pair ?? "").split("=");
      if (!name) continue;
      const cookieValue = value.join("=");
      if (cookieValue === "" || /expires=Thu, 01 Jan 1970/i.test(setCookie)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), cookieValue);
    }
    const text = await response.text();
    const contentType = response.headers.get("content-type") ?? "";
    const parsed = contentType.includes("json") && text ? (JSON.parse(text) as T) : (text as T);
    return {
      status: response.status,
      headers: response.headers,
      body: parsed,
      setCookies: response.headers.getSetCookie(),
    };
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  requestId: string;
  errors?: { field: string; message: string }[];
}
