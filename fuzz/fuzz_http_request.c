/* fuzz_http_request.c - what a handler is handed from a request: URL-encoded and multipart
 * form bodies (libmicrohttpd's post processor through req_form/req_upload), the query,
 * cookies and headers, read through the declared input layer (http/input.h). The real
 * server (server_start) runs in this process on a loopback port with one route, /f; each
 * input becomes one raw HTTP request: byte 0 picks the body's content type, and the rest is
 * split at 0xFF bytes into query, cookie header, further header lines and the body.
 * Properties: every answer starts with a status line and is never a 5xx; every value the
 * input layer accepts is valid UTF-8 (text cleaned to NFC with no control characters,
 * numbers within their bounds, dates real calendar dates); what it echoes (raw) is UTF-8;
 * an upload's length is what was stored; a `next` that http_is_local_path accepts starts
 * with exactly one '/'. */
#include "fuzz.h"

#include "http/http.h"
#include "http/input.h"
#include "text/text.h"

#include "core/log.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <utf8proc.h>

static const char *const CHOICES[] = {"a", "b", "ô", NULL};
enum { F_TEXT, F_LONG, F_INT, F_DATE, F_EMAIL, F_USER, F_PASS, F_CHOICE, F_BOOL, F_ID, F_DEC, F_SLUG, F_N };
static const struct input_field fields[F_N] = {
    [F_TEXT] = {"t", IN_TEXT, 0, 0, 200, NULL, FK_TEXT, NULL, NULL, NULL},
    [F_LONG] = {"m", IN_MULTILINE, 0, 0, 5000, NULL, FK_TEXTAREA, NULL, NULL, NULL},
    [F_INT] = {"i", IN_INT, 0, -1000, 1000, NULL, FK_NUMBER, NULL, NULL, NULL},
    [F_DATE] = {"d", IN_DATE, 0, 0, 0, NULL, FK_DATE, NULL, NULL, NULL},
    [F_EMAIL] = {"e", IN_EMAIL, 0, 0, 0, NULL, FK_TEXT, NULL, NULL, NULL},
    [F_USER] = {"u", IN_USERNAME, 0, 0, 0, NULL, FK_TEXT, NULL, NULL, NULL},
    [F_PASS] = {"p", IN_PASSWORD, 0, 0, 128, NULL, FK_TEXT, NULL, NULL, NULL},
    [F_CHOICE] = {"c", IN_CHOICE, 0, 0, 0, CHOICES, FK_SELECT, NULL, NULL, NULL},
    [F_BOOL] = {"b", IN_BOOL, 0, 0, 0, NULL, FK_CHECK, NULL, NULL, NULL},
    [F_ID] = {"id", IN_ID, 0, 0, 0, NULL, FK_TEXT, NULL, NULL, NULL},
    [F_DEC] = {"x", IN_DECIMAL, 0, -1e9, 1e9, NULL, FK_NUMBER, NULL, NULL, NULL},
    [F_SLUG] = {"s", IN_SLUG, 0, 0, 0, NULL, FK_TEXT, NULL, NULL, NULL},
};

static int utf8(const char *s)
{
    return !s || text_valid_utf8(s, strlen(s));
}

static int is_nfc(const char *s)
{
    utf8proc_uint8_t *n = utf8proc_NFC((const utf8proc_uint8_t *)s);
    int same = n && strcmp((const char *)n, s) == 0;
    free(n);
    return same;
}

static int real_date(const char *iso)
{
    int y, m, d;
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (strlen(iso) != 10 || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] && !(m == 2 && d == 29 && !leap);
}

static void check_values(const struct input_value *v)
{
    for (int i = 0; i < F_N; i++) {
        FUZZ_ASSERT(utf8(v[i].raw), "the echoed value is UTF-8");
        if (v[i].error || !v[i].str) continue;
        FUZZ_ASSERT(utf8(v[i].str), "an accepted value is UTF-8");
        if (i == F_TEXT || i == F_LONG) {
            FUZZ_ASSERT(is_nfc(v[i].str), "accepted text is NFC");
            for (const unsigned char *p = (const unsigned char *)v[i].str; *p; p++)
                FUZZ_ASSERT(*p >= 0x20 || (i == F_LONG && (*p == '\n' || *p == '\t')), "no control characters");
        }
    }
    if (!v[F_INT].error && v[F_INT].present) FUZZ_ASSERT(v[F_INT].num >= -1000 && v[F_INT].num <= 1000, "int within bounds");
    if (!v[F_DATE].error && v[F_DATE].present) FUZZ_ASSERT(real_date(v[F_DATE].str), "a real calendar date");
    if (!v[F_ID].error && v[F_ID].present) FUZZ_ASSERT(v[F_ID].num > 0, "ids are positive");
    if (!v[F_DEC].error && v[F_DEC].present) FUZZ_ASSERT(v[F_DEC].dec >= -1e9 && v[F_DEC].dec <= 1e9, "decimal within bounds");
    if (!v[F_USER].error && v[F_USER].present)
        for (const char *p = v[F_USER].str; *p; p++)
            FUZZ_ASSERT((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("._-", *p), "username characters");
    if (!v[F_SLUG].error && v[F_SLUG].present)
        for (const char *p = v[F_SLUG].str; *p; p++)
            FUZZ_ASSERT((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-', "slug characters");
    if (!v[F_CHOICE].error && v[F_CHOICE].present) {
        int found = 0;
        for (int k = 0; CHOICES[k]; k++) found |= !strcmp(CHOICES[k], v[F_CHOICE].str);
        FUZZ_ASSERT(found, "a choice is one of the choices");
    }
}

static void fz_page(dv_req *r)
{
    struct input_value fv[F_N], qv[F_N];
    input_form(r, fields, F_N, fv);
    check_values(fv);
    input_query(r, fields, F_N, qv);
    check_values(qv);
    const struct dv_kv *up = req_upload(r, "file");
    if (up) FUZZ_ASSERT(up->len < up->cap || up->len == 0, "an upload's length fits what was stored");
    static const char *const cookies[] = {"dv_session", "dv_lang", "dv_csrf", "x"};
    for (size_t i = 0; i < 4; i++) (void)req_cookie(r, cookies[i]);
    static const char *const headers[] = {"Accept-Language", "User-Agent", "Referer", "Origin", "X-Forwarded-For"};
    for (size_t i = 0; i < 5; i++) (void)req_header(r, headers[i]);
    const char *next = req_query(r, "next");
    if (next && http_is_local_path(next)) FUZZ_ASSERT(next[0] == '/' && next[1] != '/', "a local next has one '/'");
    res_text(r, 200, "ok\n");
}

static const struct dv_route routes[] = {
    ROUTE("GET", "/f", fz_page, ROUTE_PUBLIC),
    ROUTE("POST", "/f", fz_page, ROUTE_PUBLIC | ROUTE_NO_CSRF),
};
static int port;

static int free_port(void)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t n = sizeof a;
    if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) || getsockname(s, (struct sockaddr *)&a, &n)) abort();
    close(s);
    return ntohs(a.sin_port);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    router_add(routes, sizeof routes / sizeof *routes);
    log_set_quiet(1);
    dv_server *srv;
    for (int tries = 0; tries < 5; tries++) {
        port = free_port();
        struct dv_server_options o = {.host = "127.0.0.1", .port = port, .threads = 2, .workers = 2,
                                      .conn_timeout_s = 5, .head_timeout_s = 5, .max_body = 1 << 20,
                                      .max_header = 16 << 10, .access_log = "off"};
        if (server_start(&o, &srv) == 0) return 0; /* runs until the process ends */
    }
    abort();
}

static void put(dv_buf *b, const uint8_t *p, size_t n)
{
    buf_append(b, (const char *)p, n);
}

/* The pieces of the input between 0xFF bytes: query, cookie, header lines, body. */
static size_t piece(const uint8_t *d, size_t n, size_t *at)
{
    size_t start = *at;
    while (*at < n && d[*at] != 0xFF) (*at)++;
    size_t len = *at - start;
    if (*at < n) (*at)++;
    return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 65536) return 0;
    static const char *const types[] = {"application/x-www-form-urlencoded", "multipart/form-data; boundary=XyZ",
                                        "multipart/form-data; boundary=\"a b\"", "text/plain", NULL};
    const char *type = types[data[0] % 5];
    size_t at = 1, q0 = at, ql = piece(data, size, &at), c0 = at, cl = piece(data, size, &at);
    size_t h0 = at, hl = piece(data, size, &at), b0 = at, bl = size - at;
    dv_buf req = DV_BUF_INIT;
    buf_puts(&req, (data[0] & 0x80) ? "GET /f?" : "POST /f?");
    for (size_t i = 0; i < ql; i++) /* a request target has no spaces or line breaks */
        buf_putc(&req, data[q0 + i] <= ' ' || data[q0 + i] == 0x7F ? '+' : (char)data[q0 + i]);
    buf_puts(&req, " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
    if (type) buf_printf(&req, "Content-Type: %s\r\n", type);
    if (cl) {
        buf_puts(&req, "Cookie: ");
        put(&req, data + c0, cl);
        buf_puts(&req, "\r\n");
    }
    if (hl) {
        put(&req, data + h0, hl);
        buf_puts(&req, "\r\n");
    }
    buf_printf(&req, "Content-Length: %zu\r\n\r\n", bl);
    put(&req, data + b0, bl);

    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    struct timeval tv = {10, 0};
    struct linger lg = {1, 0}; /* close with a reset: no TIME_WAIT pile-up over many runs */
    int s = -1;
    for (int tries = 0; tries < 50; tries++) {
        s = socket(AF_INET, SOCK_STREAM, 0);
        setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
        if (connect(s, (struct sockaddr *)&a, sizeof a) == 0) break;
        int e = errno;
        close(s);
        s = -1;
        FUZZ_ASSERT(e != ECONNREFUSED, "the server accepts connections");
        usleep(20000); /* out of local ports for a moment */
    }
    FUZZ_ASSERT(s >= 0, "the server accepts connections");
    size_t off = 0;
    while (off < req.len) {
        ssize_t w = send(s, req.data + off, req.len - off, MSG_NOSIGNAL);
        if (w <= 0) break; /* the server may answer and close before reading everything */
        off += (size_t)w;
    }
    shutdown(s, SHUT_WR);
    char got[4096];
    size_t n = 0;
    ssize_t k;
    while (n < sizeof got - 1 && (k = recv(s, got + n, sizeof got - 1 - n, 0)) > 0) n += (size_t)k;
    got[n] = '\0';
    close(s);
    buf_free(&req);
    if (n == 0) return 0; /* closed without an answer: a head MHD refused outright */
    FUZZ_ASSERT(n >= 12 && strncmp(got, "HTTP/1.", 7) == 0, "an answer starts with a status line");
    FUZZ_ASSERT(got[9] != '5', "never a server error");
    return 0;
}
