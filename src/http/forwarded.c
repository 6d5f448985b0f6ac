/* forwarded.c - the client's address behind a trusted reverse proxy.
 *
 * Behind nginx every connection comes from 127.0.0.1, so the per-address limits (sign-in
 * throttling, petitions per address) would count the whole province as one visitor. When
 * the connection comes from an address in trusted_proxies, X-Forwarded-For names the client:
 * each proxy appends the address it saw, so the entries are read from the right and the first
 * that is not itself a trusted proxy is the client. An entry that is not an IP address ends
 * the walk with the connection's own address, so no one can put words into the logs, the
 * audit trail or the limits. A connection from anywhere else keeps its own address, whatever
 * it sends. */
#include "http/internal.h"

#include "core/arena.h"
#include "core/config.h"

#include <arpa/inet.h>
#include <string.h>

#define XFF_MAX 1024 /* longer headers are not read past this */

static struct dv_addr_set trusted;

void forwarded_configure(const struct dv_addr_set *set)
{
    memset(&trusted, 0, sizeof trusted);
    if (set) trusted = *set;
}

/* 1 when s is an IPv4 address in the trusted set. */
static int is_trusted(const char *s)
{
    struct in_addr in;
    return inet_pton(AF_INET, s, &in) == 1 && config_addr_in_set(&trusted, ntohl(in.s_addr));
}

static int is_ip(const char *s)
{
    unsigned char b[sizeof(struct in6_addr)];
    return inet_pton(AF_INET, s, b) == 1 || inet_pton(AF_INET6, s, b) == 1;
}

const char *forwarded_client(dv_arena *a, const char *peer, const char *xff)
{
    if (!trusted.n || !xff || !*xff || !is_trusted(peer)) return peer;
    size_t n = strnlen(xff, XFF_MAX);
    const char *client = peer;
    while (n > 0) {
        size_t end = n;
        while (n > 0 && xff[n - 1] != ',') n--;
        size_t b = n, e = end;
        while (b < e && (xff[b] == ' ' || xff[b] == '\t')) b++;
        while (e > b && (xff[e - 1] == ' ' || xff[e - 1] == '\t')) e--;
        char entry[INET6_ADDRSTRLEN];
        if (e - b == 0 || e - b >= sizeof entry) return peer;
        memcpy(entry, xff + b, e - b);
        entry[e - b] = '\0';
        if (!is_ip(entry)) return peer;
        client = arena_strdup(a, entry);
        if (!is_trusted(entry)) return client;
        if (n > 0) n--; /* the comma */
    }
    return client; /* every entry a trusted proxy: the farthest one */
}
