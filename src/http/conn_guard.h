/* conn_guard.h - per-address connection limit and request-head deadline (conn_guard.c),
 * for server.c: the callbacks it gives libmicrohttpd and the calls it makes per request. */
#ifndef DV_HTTP_CONN_GUARD_H
#define DV_HTTP_CONN_GUARD_H

#include "http/http.h"

#include <microhttpd.h>

int conn_guard_start(const struct dv_server_options *opt); /* the sweeper thread */
void conn_guard_stop(void);                                 /* before MHD_stop_daemon */
/* MHD_OPTION_APPLY_POLICY_CALLBACK (an accept policy) and MHD_OPTION_NOTIFY_CONNECTION. */
enum MHD_Result conn_guard_accept(void *cls, const struct sockaddr *sa, socklen_t len);
void conn_guard_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                       enum MHD_ConnectionNotificationCode toe);
void conn_guard_head_done(struct MHD_Connection *c);    /* the access handler got a head */
void conn_guard_request_done(struct MHD_Connection *c); /* answered; the next head may come */

#endif
