/* mail_pages.c - GET/POST /bai-viet/:slug/gui: a reader sends a published article to one
 * address. Every field is validated and echoed back with its message; sends are limited
 * per client address (mail_sends); the e-mail is the fixed plain-text template of mail.c,
 * so the form cannot be used as an open relay. */
#include "portal/mail_pages.h"

#include "core/config.h"
#include "core/err.h"
#include "http/input.h"
#include "core/i18n.h"
#include "core/log.h"
#include "db/db.h"
#include "http/page.h"
#include "portal/article.h"
#include "mail/mail.h"
#include "portal/mail_store.h"
#include "portal/public.h"
#include "portal/public_view.h"
#include "tpl.h"

#include <string.h>
#include <time.h>

#define NAME_MAX_CHARS 100
#define MESSAGE_MAX_CHARS 1000

/* 5 sends per 10 minutes and 20 per day from one client address. */
static const struct mail_limit send_limit = {5, 600, 20};

static const struct input_field mail_fields[] = {
    {"name", IN_TEXT, 1, 1, NAME_MAX_CHARS, NULL, FK_TEXT, N_("Your name"), NULL, NULL},
    {"to", IN_EMAIL, 1, 0, 0, NULL, FK_TEXT, N_("Recipient's e-mail address"), N_("One address, for example ten@example.vn"),
     NULL},
    {"message", IN_MULTILINE, 0, 0, MESSAGE_MAX_CHARS, NULL, FK_TEXTAREA, N_("Your message (optional)"),
     N_("Plain text, at most 1,000 characters."), NULL},
};
#define NFIELDS (sizeof mail_fields / sizeof *mail_fields)

/* The published article named by :slug, or an error page (404 when there is none). */
static int load_article(dv_req *r, struct article *a)
{
    static const struct input_field slug_field = {"slug", IN_SLUG, 1, 0, 0, NULL, FK_TEXT, NULL, NULL, NULL};
    struct input_value sv;
    const char *slug = input_path(r, &slug_field, &sv);
    if (!slug) return -1;
    int rc = article_get_published(db_thread(), r->arena, slug, a);
    if (rc == DV_OK) return 0;
    if (rc == DV_ENOTFOUND || rc == DV_EINVAL) res_error(r, 404);
    else {
        log_error("mail: reading article %s failed: %s", slug, dv_strerror(rc));
        res_error(r, 500);
    }
    return -1;
}

static void view_init(dv_req *r, struct mail_view *v, const struct article *a, const struct input_value *fv)
{
    memset(v, 0, sizeof *v);
    v->title = a->title;
    v->article_href = arena_printf(r->arena, "/bai-viet/%s", a->slug);
    v->action = arena_printf(r->arena, "/bai-viet/%s/gui", a->slug);
    struct field_view *views[] = {&v->f_name, &v->f_to, &v->f_message};
    for (size_t i = 0; i < NFIELDS; i++) field_of(r->arena, views[i], &mail_fields[i], fv ? &fv[i] : NULL, 0);
}

static void render(dv_req *r, struct mail_view *v, int status)
{
    v->nerrors = 0;
    field_collect(&v->f_name, v->errors, &v->nerrors, 3);
    field_collect(&v->f_to, v->errors, &v->nerrors, 3);
    field_collect(&v->f_message, v->errors, &v->nerrors, 3);
    struct portal_page pp;
    public_page_init(&pp, r, _("Send this article by e-mail"), v->action); /* the layout, menu, footer */
    page_need_csrf(&pp.pg, r);
    pp.noindex = 1; /* a form, not content */
    r->status = status;
    tpl_portal_mail_form(&r->out, &pp, v);
}

void mail_page_form(dv_req *r)
{
    struct article a;
    if (load_article(r, &a)) return;
    struct mail_view v;
    view_init(r, &v, &a, NULL);
    render(r, &v, 200);
}

void mail_page_send(dv_req *r)
{
    struct article a;
    if (load_article(r, &a)) return;
    struct input_value fv[NFIELDS];
    int bad = input_form(r, mail_fields, NFIELDS, fv);
    struct mail_view v;
    view_init(r, &v, &a, fv);
    /* the stricter check of the one address that goes into the envelope and To: */
    if (!fv[1].error && !mail_address_ok(fv[1].str)) {
        field_fail(r->arena, &v.f_to, _("Enter a valid email address."));
        bad++;
    }
    if (bad) {
        render(r, &v, 422);
        return;
    }

    const char *url = arena_printf(r->arena, "%s/bai-viet/%s", config_base_url(), a.slug);
    struct mail_article_msg m = {
        .portal_name = config_portal_name(), .from = config_mail_from(), .to = fv[1].str,
        .sender_name = fv[0].str, .message = fv[2].str, .title = a.title, .lead = a.lead,
        .url = url, .date = time(NULL),
    };
    dv_buf msg = DV_BUF_INIT;
    int rc = mail_compose(&m, &msg);
    if (rc) {
        buf_free(&msg);
        log_error("mail: composing the message for article %lld failed: %s", (long long)a.id, dv_strerror(rc));
        res_error(r, 500);
        return;
    }

    dv_db *db = db_thread();
    int64_t send_id = 0;
    rc = mail_store_reserve(db, &send_limit, r->remote_addr ? r->remote_addr : "", fv[1].str, a.id,
                            (int64_t)time(NULL), &send_id);
    if (rc == DV_EBUSY) {
        buf_free(&msg);
        v.general = _("You have sent too many articles in a short time; please try again later.");
        res_header(r, "Retry-After", "600");
        render(r, &v, 429);
        return;
    }
    if (rc) {
        buf_free(&msg);
        res_error(r, 500);
        return;
    }
    rc = mail_send(config_smtp_url(), config_mail_from(), fv[1].str, msg.data, msg.len);
    buf_free(&msg);
    if (rc) {
        if (mail_store_release(db, send_id)) log_warn("mail: could not release send %lld", (long long)send_id);
        /* the mail server's fault, not the reader's: say so, and keep what they typed */
        v.general = _("The mail server did not accept the message, so it could not be sent. What you typed is kept below: please try again later.");
        render(r, &v, 503);
        return;
    }
    log_info("mail: article %lld sent from %s", (long long)a.id, r->remote_addr ? r->remote_addr : "?");
    page_flash_set(r, "The article has been sent.");
    res_redirect(r, v.article_href);
}
