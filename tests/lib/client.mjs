// A small HTTP client for tests: fetch with redirect:'manual' that keeps cookies like a
// browser (per client), remembers the last HTML page, and fills in the CSRF token of forms.
//
//   const c = new Client(srv.url);
//   await c.login('bdv', 'demo-bdv-2025');
//   const r = await c.get('/units');            // { status, headers, text, location, res }
//   await c.postForm('/units/1/edit', { name: 'X' });   // _csrf from the last page

/** The `_csrf` token of an HTML page (hidden input or <meta name="csrf-token">), or null. */
export function csrfFrom(html) {
  if (!html) return null;
  for (const tag of html.match(/<input\b[^>]*>/gi) || []) {
    if (attr(tag, 'name') === '_csrf') return attr(tag, 'value');
  }
  for (const tag of html.match(/<meta\b[^>]*>/gi) || []) {
    if (attr(tag, 'name') === 'csrf-token') return attr(tag, 'content');
  }
  return null;
}

/** The inputs of an HTML fragment: [{ name, type, value }]. */
export function inputsOf(html) {
  return (html.match(/<input\b[^>]*>/gi) || []).map((tag) => ({
    name: attr(tag, 'name'), type: (attr(tag, 'type') || 'text').toLowerCase(), value: attr(tag, 'value') ?? '',
  })).filter((i) => i.name);
}

function attr(tag, name) {
  const m = tag.match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'));
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3]) : null;
}

export function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e) => {
    const l = e.toLowerCase();
    if (l[0] === '#') return String.fromCodePoint(l[1] === 'x' ? parseInt(l.slice(2), 16) : parseInt(l.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[l];
  });
}

export class Client {
  constructor(baseUrl) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.cookies = new Map();   // name → value (one host, so path/domain are ignored)
    this.lastHtml = null;       // body of the last text/html response
    this.lastUrl = null;
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** fetch(path) with the cookies; never follows redirects. Returns { status, headers, text, location, res }. */
  async request(path, { method = 'GET', headers = {}, body } = {}) {
    const url = path.startsWith('http') ? path : this.baseUrl + path;
    const h = { ...headers };
    if (this.cookies.size) h.cookie = this.cookieHeader();
    const res = await fetch(url, { method, headers: h, body, redirect: 'manual' });
    for (const sc of res.headers.getSetCookie()) this.#store(sc);
    const text = await res.text();
    if ((res.headers.get('content-type') || '').startsWith('text/html')) {
      this.lastHtml = text;
      this.lastUrl = url;
    }
    return { status: res.status, headers: res.headers, text, location: res.headers.get('location'), res };
  }

  #store(setCookie) {
    const [pair, ...attrs] = setCookie.split(';');
    const eq = pair.indexOf('=');
    if (eq < 0) return;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attrs.some((a) => {
      const [k, v = ''] = a.trim().split('=');
      if (k.toLowerCase() === 'max-age') return Number(v) <= 0;
      if (k.toLowerCase() === 'expires') return Date.parse(v) < Date.now();
      return false;
    });
    if (expired || value === '') this.cookies.delete(name);
    else this.cookies.set(name, value);
  }

  get(path, opts = {}) {
    return this.request(path, { ...opts, method: 'GET' });
  }

  /** GET, following up to `max` redirects (303/302/301/307/308 become GETs). */
  async follow(path, max = 5) {
    let r = await this.get(path);
    for (let i = 0; i < max && r.status >= 300 && r.status < 400 && r.location; i++) {
      r = await this.get(r.location);
    }
    return r;
  }

  /**
   * POSTs an application/x-www-form-urlencoded form. `_csrf` is added from `csrf`, else from
   * the last HTML page seen, unless `fields` already has one (pass `_csrf: null` to omit it).
   */
  async postForm(path, fields = {}, { csrf, headers = {} } = {}) {
    const f = { ...fields };
    if (!('_csrf' in f)) {
      const token = csrf ?? csrfFrom(this.lastHtml);
      if (token != null) f._csrf = token;
    }
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) {
      if (v == null) continue;
      for (const one of Array.isArray(v) ? v : [v]) body.append(k, String(one));
    }
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.baseUrl, ...headers },
      body: body.toString(),
    });
  }

  /**
   * Logs in through the real form: GET /login, take `_csrf` and the field names from it, POST.
   * Throws unless the answer is a redirect (a successful login); returns that response.
   */
  async login(user, password) {
    const page = await this.get('/login');
    if (page.status !== 200) throw new Error(`GET /login → ${page.status}`);
    // The login form, if the page has other forms too (a search box in the header, say).
    const form = (page.text.match(/<form\b[^>]*>[\s\S]*?<\/form>/gi) || [])
      .find((f) => /type\s*=\s*["']?password/i.test(f)) || page.text;
    const inputs = inputsOf(form);
    const passField = inputs.find((i) => i.type === 'password')?.name || 'password';
    const userField = inputs.find((i) => ['text', 'email'].includes(i.type) && i.name !== '_csrf')?.name
      || 'username';
    const r = await this.postForm('/login', { [userField]: user, [passField]: password }, { csrf: csrfFrom(form) ?? csrfFrom(page.text) });
    if (r.status < 300 || r.status >= 400) {
      throw new Error(`login as ${user} failed: POST /login → ${r.status}\n${r.text.slice(0, 2000)}`);
    }
    return r;
  }
}

/** Demo accounts (see README): user → password. */
export const DEMO = {
  admin: 'demo-admin-2025',
  bdv: 'demo-bdv-2025',
  xa1: 'demo-xa1-2025',
  xa2: 'demo-xa2-2025',
  bientap: 'demo-bientap-2025',
  xem: 'demo-xem-2025',
  congtac: 'demo-congtac-2025',
};
