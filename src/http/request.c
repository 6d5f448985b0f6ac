/* request.c - read access to a request: route parameters, query, headers, cookies, form. */
#include "http/http.h"
#include "http/internal.h"

#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

const char *req_param(const dv_req *r, const char *name)
{
    for (int i = 0; i < r->nparams; i++)
        if (strcmp(r->param_names[i], name) == 0) return r->param_values[i];
    return NULL;
}

int64_t req_param_id(const dv_req *r, const char *name)
{
    const char *s = req_param(r, name);
    if (!s || !*s || strlen(s) > 18) return 0;
    int64_t v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9') return 0;
        v = v * 10 + (*p - '0');
    }
    return v;
}

const char *req_query(const dv_req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_header(const dv_req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *req_cookie(const dv_req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

static uint32_t key_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* An open-addressing index of the first field of each name, built at the first lookup
 * after parsing: a report form has a hundred fields, each looked up once or twice. */
static void form_index_build(dv_req *r)
{
    size_t cap = 16;
    while (cap < r->nform * 2) cap *= 2;
    r->form_index = arena_alloc(r->arena, cap * sizeof *r->form_index); /* zeroed: empty */
    r->form_index_cap = cap;
    for (size_t i = 0; i < r->nform; i++) {
        size_t at = key_hash(r->form[i].key) & (cap - 1);
        while (r->form_index[at] && strcmp(r->form[r->form_index[at] - 1].key, r->form[i].key) != 0)
            at = (at + 1) & (cap - 1);
        if (!r->form_index[at]) r->form_index[at] = (uint32_t)i + 1; /* the first keeps it */
    }
}

static struct dv_kv *form_find(dv_req *r, const char *key)
{
    if (r->nform < 8) {
        for (size_t i = 0; i < r->nform; i++)
            if (strcmp(r->form[i].key, key) == 0) return &r->form[i];
        return NULL;
    }
    if (!r->form_index) form_index_build(r);
    size_t at = key_hash(key) & (r->form_index_cap - 1);
    while (r->form_index[at]) {
        struct dv_kv *kv = &r->form[r->form_index[at] - 1];
        if (strcmp(kv->key, key) == 0) return kv;
        at = (at + 1) & (r->form_index_cap - 1);
    }
    return NULL;
}

static struct dv_kv *form_add(dv_req *r, const char *key)
{
    r->form = arena_grow(r->arena, r->form, r->nform, &r->capform, sizeof *r->form);
    struct dv_kv *kv = &r->form[r->nform++];
    memset(kv, 0, sizeof *kv);
    kv->key = arena_strdup(r->arena, key);
    return kv;
}

/* MHD hands a field over in pieces (at growing offsets): append each piece. */
static enum MHD_Result on_form_piece(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *filename, const char *content_type,
                                     const char *transfer_encoding, const char *data,
                                     uint64_t off, size_t size)
{
    (void)kind;
    (void)transfer_encoding;
    dv_req *r = cls;
    /* A part without a name (a broken Content-Disposition) is one no handler can ask for:
     * it is dropped, never compared as a NULL name (found by fuzz_http_request). */
    if (!key) return MHD_YES;
    /* MHD delivers fields one after another: offset 0 starts a field (a repeated name is
     * kept as another entry; req_form answers the first), later offsets continue it. */
    struct dv_kv *kv;
    if (off == 0 || r->nform == 0 || strcmp(r->form[r->nform - 1].key, key) != 0) {
        kv = form_add(r, key);
        kv->filename = arena_strdup(r->arena, filename);
        kv->content_type = arena_strdup(r->arena, content_type);
    } else {
        kv = &r->form[r->nform - 1];
    }
    if (kv->len + size + 1 > kv->cap) {
        /* Double, so a large upload arriving in many pieces is copied O(log n) times. */
        size_t cap = kv->cap ? kv->cap : 64;
        while (cap < kv->len + size + 1) cap *= 2;
        char *grown = arena_alloc(r->arena, cap);
        if (kv->len) memcpy(grown, kv->value, kv->len);
        kv->value = grown;
        kv->cap = cap;
    }
    if (size) memcpy(kv->value + kv->len, data, size);
    kv->len += size;
    kv->value[kv->len] = '\0';
    return MHD_YES;
}

/* Parse the whole body once it has arrived (so the body limit has already held). */
static void form_parse(dv_req *r)
{
    if (r->form_parsed) return;
    r->form_parsed = 1;
    if (!r->body.len) return;
    struct MHD_PostProcessor *pp = MHD_create_post_processor(r->conn, 16 * 1024, on_form_piece, r);
    if (!pp) return; /* not a form content type (JSON, missing): handlers read r->body */
    MHD_post_process(pp, r->body.data, r->body.len);
    MHD_destroy_post_processor(pp);
}

const char *req_form(dv_req *r, const char *name)
{
    form_parse(r);
    struct dv_kv *kv = form_find(r, name);
    if (!kv || kv->filename) return NULL;
    if (memchr(kv->value, '\0', kv->len)) return NULL; /* embedded NUL: not text */
    return kv->value ? kv->value : "";
}

const struct dv_kv *req_upload(dv_req *r, const char *name)
{
    form_parse(r);
    struct dv_kv *kv = form_find(r, name);
    return kv && kv->filename ? kv : NULL;
}

const char *req_form_get(void *r, const char *name)
{
    return req_form(r, name);
}

int http_is_local_path(const char *s)
{
    /* Browsers drop tabs and newlines from a URL and read a backslash as a slash, so
     * "/\t/evil.test" would leave the site: only printable ASCII from this set passes. */
    static const char safe[] = "-._~/?=&%+,;:@!$*()#";
    if (!s || s[0] != '/' || s[1] == '/' || strlen(s) > 2048) return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr(safe, *p)))
            return 0;
    return 1;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

int http_path_has_control(const char *target)
{
    for (const unsigned char *p = (const unsigned char *)target; p && *p && *p != '?'; p++) {
        int c = *p;
        if (c == '%' && hex_value((char)p[1]) >= 0 && hex_value((char)p[2]) >= 0)
            c = hex_value((char)p[1]) * 16 + hex_value((char)p[2]);
        if (c < 0x20 || c == 0x7F) return 1;
    }
    return 0;
}
