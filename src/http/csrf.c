/* csrf.c - CSRF tokens: HMAC of the session (or an anonymous cookie) under a server key.
 *
 * Stateless: nothing is stored per token. A form carries the token in _csrf (an API call
 * in the X-CSRF-Token header); it must equal HMAC-SHA256(key, binding) where binding is the
 * session cookie, or for visitors who are not signed in, the random dv_anon cookie. */
#include "http/internal.h"

#include "http/csrf.h"

#include <sodium.h>
#include <stdint.h>
#include <string.h>

#define ANON_COOKIE "dv_anon"
#define SESSION_COOKIE "dv_session"

static unsigned char csrf_key[crypto_auth_hmacsha256_KEYBYTES];
static _Atomic unsigned key_gen = 1; /* moved by csrf_set_key(): voids the memos below */

void csrf_set_key(const unsigned char *key, size_t len)
{
    memset(csrf_key, 0, sizeof csrf_key);
    memcpy(csrf_key, key, len < sizeof csrf_key ? len : sizeof csrf_key);
    key_gen++;
}

/* The HMAC of a binding is the same on every request of that session: computing it was 8%
 * of a signed-in page's CPU. Each thread remembers the last answers, direct-mapped by the
 * binding's text; csrf_set_key() moves the generation, which voids every memo. */
#define MEMO_SLOTS 256u
#define MEMO_BINDING_MAX 96u
#define TOKEN_HEX (crypto_auth_hmacsha256_BYTES * 2)
struct memo_slot {
    unsigned gen;
    char binding[MEMO_BINDING_MAX + 1];
    char token[TOKEN_HEX + 1];
};
static _Thread_local struct memo_slot memo[MEMO_SLOTS];

static unsigned memo_index(const char *binding, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)binding[i]) * 16777619u;
    return h & (MEMO_SLOTS - 1);
}

static void hmac_hex(const char *binding, size_t n, char out[TOKEN_HEX + 1])
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256(mac, (const unsigned char *)binding, n, csrf_key);
    sodium_bin2hex(out, TOKEN_HEX + 1, mac, sizeof mac);
}

static char *token_for(dv_arena *a, const char *binding)
{
    size_t n = strlen(binding);
    char *hex = arena_alloc(a, TOKEN_HEX + 1);
    if (n > MEMO_BINDING_MAX) {
        hmac_hex(binding, n, hex);
        return hex;
    }
    struct memo_slot *m = &memo[memo_index(binding, n)];
    unsigned gen = key_gen;
    if (m->gen != gen || strcmp(m->binding, binding) != 0) {
        hmac_hex(binding, n, m->token);
        memcpy(m->binding, binding, n + 1);
        m->gen = gen;
    }
    memcpy(hex, m->token, TOKEN_HEX + 1);
    return hex;
}

static const char *binding_of(dv_req *r)
{
    if (r->session_token) return r->session_token;
    return req_cookie(r, ANON_COOKIE);
}

/* The token is computed when the request already carries a binding (a session, or the
 * anonymous cookie). A visitor without either gets one only when a page with a form asks
 * (req_csrf_token), so cacheable public pages set no cookie and cost no random number. */
void csrf_prepare(dv_req *r)
{
    const char *binding = binding_of(r);
    r->csrf_token = binding && strlen(binding) >= 16 ? token_for(r->arena, binding) : NULL;
}

const char *req_csrf_token(dv_req *r)
{
    if (r->csrf_token) return r->csrf_token;
    unsigned char raw[16];
    randombytes_buf(raw, sizeof raw);
    char *hex = arena_alloc(r->arena, sizeof raw * 2 + 1);
    sodium_bin2hex(hex, sizeof raw * 2 + 1, raw, sizeof raw);
    res_set_cookie(r, ANON_COOKIE, hex, -1, 1);
    r->csrf_token = token_for(r->arena, hex);
    return r->csrf_token;
}

int csrf_check(dv_req *r)
{
    if (!r->csrf_token) return -1; /* no session or anonymous cookie came with the request */
    const char *sent = req_form(r, "_csrf");
    if (!sent) sent = req_header(r, "X-CSRF-Token");
    if (!sent || strlen(sent) != strlen(r->csrf_token)) return -1;
    return sodium_memcmp(sent, r->csrf_token, strlen(sent)) == 0 ? 0 : -1;
}

void csrf_rebind(dv_req *r, const char *session_token)
{
    r->session_token = session_token;
    r->csrf_token = token_for(r->arena, session_token);
}
