/* petition_public_pages.c - the public side of petitions, without an account or JavaScript:
 * GET/POST /kien-nghi/gui (the form: every field declared, checked and echoed back; a hidden
 * field bots fill; rate limits per address and per contact; duplicates refused; attachments
 * checked by their content and size), then the tracking code shown (and e-mailed when an
 * address was given). Tracking, the status page and reopening are in petition_track_pages.c. */
#include "citizen/citizen_pages.h"

#include "citizen/citizen_pages_int.h"
#include "citizen/citizen_view.h"
#include "citizen/petition.h"
#include "core/config.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/log.h"
#include "http/input.h"
#include "http/page.h"
#include "mail/mail.h"
#include "portal/media.h"
#include "tpl.h"

#include <string.h>
#include <time.h>

enum { F_CAT, F_COMMUNE, F_CONTENT, F_NAME, F_EMAIL, F_PHONE, F_ANON, F_TRAP, NF };
static const struct input_field petition_fields[NF] = {
    [F_CAT] = {"category_id", IN_ID, 1, 0, 0, NULL, FK_SELECT, N_("Subject"), NULL, N_("Choose a subject from the list.")},
    [F_COMMUNE] = {"commune_id", IN_ID, 1, 0, 0, NULL, FK_SELECT, N_("Commune or ward concerned"), NULL,
                   N_("Choose a commune or ward from the list.")},
    [F_CONTENT] = {"content", IN_MULTILINE, 1, 20, 5000, NULL, FK_TEXTAREA, N_("Your petition or feedback"),
                   N_("What happened, where and since when; 20 to 5,000 characters."), NULL},
    [F_NAME] = {"name", IN_TEXT, 0, 0, 100, NULL, FK_TEXT, N_("Your full name"), NULL, NULL},
    [F_EMAIL] = {"email", IN_EMAIL, 0, 0, 0, NULL, FK_TEXT, N_("E-mail address"),
                 N_("The tracking code and the answer are sent here."), NULL},
    [F_PHONE] = {"phone", IN_TEXT, 0, 0, 20, NULL, FK_TEXT, N_("Telephone"), N_("For example 0913 456 789."), NULL},
    [F_ANON] = {"anonymous", IN_BOOL, 0, 0, 0, NULL, FK_CHECK, N_("Send without my name and contact"), NULL, NULL},
    [F_TRAP] = {"website", IN_TEXT, 0, 0, 200, NULL, FK_TEXT, N_("Leave this field empty"), NULL, NULL},
};

static void fields_init(dv_req *r, struct petition_form_view *v, const struct input_value *fv)
{
    struct field_view *views[NF] = {&v->f_category, &v->f_commune, &v->f_content, &v->f_name,
                                    &v->f_email, &v->f_phone, &v->f_anonymous, &v->f_trap};
    for (int i = 0; i < NF; i++) field_of(r->arena, views[i], &petition_fields[i], fv ? &fv[i] : NULL, FIELD_MARKED);
    field_init(r->arena, &v->f_files, "files", _("Attachments (optional)"), NULL,
               _("Up to 3 photos (JPEG, PNG) or PDF files, 2 MB each."), 0);
    v->anonymous_checked = fv && fv[F_ANON].present;
}

static void render_form(dv_req *r, struct petition_form_view *v, int64_t cat, int64_t commune, int status)
{
    struct option_view *cats = NULL, *communes = NULL;
    if (citizen_category_options(r, cat, &cats, &v->ncats) || citizen_commune_options(r, commune, &communes, &v->ncommunes)) {
        res_error(r, 500);
        return;
    }
    v->cats = cats;
    v->communes = communes;
    struct citizen_settings cs;
    citizen_settings_get(db_thread(), &cs);
    v->anonymous_allowed = cs.anonymous_allowed;
    const struct field_view *order[] = {&v->f_category, &v->f_commune, &v->f_content, &v->f_files, &v->f_name,
                                        &v->f_email, &v->f_phone, &v->f_anonymous};
    citizen_collect(order, 8, v->errors, &v->nerrors, 10);
    struct portal_page pp;
    citizen_public_init(&pp, r, _("Send a petition"), "/kien-nghi/gui");
    if (v->nerrors || v->general) pp.pg.title = arena_printf(r->arena, "%s (%s)", pp.pg.title, _("errors"));
    page_need_csrf(&pp.pg, r);
    pp.noindex = 1;
    r->status = status;
    tpl_citizen_petition_form(&r->out, &pp, v);
}

/* GET /kien-nghi/gui */
void citizen_page_petition_form(dv_req *r)
{
    struct petition_form_view v;
    memset(&v, 0, sizeof v);
    fields_init(r, &v, NULL);
    render_form(r, &v, 0, 0, 200);
}

/* The uploads file1..file3: checked by content (a photo that decodes, or a PDF) and size. */
static int read_files(dv_req *r, struct petition_file_in *files, size_t *n, struct field_view *f)
{
    *n = 0;
    for (int i = 1; i <= PETITION_MAX_FILES; i++) {
        const struct dv_kv *up = req_upload(r, arena_printf(r->arena, "file%d", i));
        if (!up || up->len == 0) continue;
        if (up->len > PETITION_FILE_MAX) {
            field_fail(r->arena, f, _("Each file may be at most 2 MB."));
            return -1;
        }
        const char *type = media_sniff(up->value, up->len);
        if (type && (!strcmp(type, "image/jpeg") || !strcmp(type, "image/png"))) {
            struct media_image m;
            if (media_prepare(up->value, up->len, &m) != 0) type = NULL;
            else media_image_free(&m);
        } else if (up->len > 8 && !memcmp(up->value, "%PDF-", 5) &&
                   memmem(up->value + (up->len > 1024 ? up->len - 1024 : 0), up->len > 1024 ? 1024 : up->len,
                          "%%EOF", 5))
            type = "application/pdf";
        else type = NULL;
        if (!type) {
            field_fail(r->arena, f, _("Attach photos (JPEG, PNG) or PDF files only."));
            return -1;
        }
        const char *name = up->filename && *up->filename ? up->filename : "file";
        files[(*n)++] = (struct petition_file_in){arena_strndup(r->arena, name, 100), type, up->value, up->len};
    }
    return 0;
}

/* The phone as typed: digits, spaces, dots, dashes, parentheses and a leading "+". */
static int phone_ok(const char *s)
{
    int digits = 0;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9') digits++;
        else if (!strchr(" .-()", *p) && !(*p == '+' && p == s)) return 0;
    }
    return digits >= 8 && digits <= 15;
}

/* Who sent it and how to answer: a name and an e-mail or phone, unless anonymous. */
static int check_contact(dv_req *r, struct petition_form_view *v, const struct input_value *fv, int anon_allowed)
{
    int bad = 0;
    if (fv[F_PHONE].present && !phone_ok(fv[F_PHONE].str)) {
        field_fail(r->arena, &v->f_phone, _("Enter a telephone number of 8 to 15 digits."));
        bad++;
    }
    if (fv[F_EMAIL].present && !mail_address_ok(fv[F_EMAIL].str)) {
        field_fail(r->arena, &v->f_email, _("Enter a valid email address."));
        bad++;
    }
    if (fv[F_ANON].present) {
        if (!anon_allowed) {
            field_fail(r->arena, &v->f_anonymous, _("Petitions without a name and contact are not accepted here."));
            bad++;
        }
        return bad;
    }
    if (!fv[F_NAME].present && !fv[F_NAME].error) {
        field_fail(r->arena, &v->f_name, _("Enter your name, or send without your name."));
        bad++;
    }
    if (!fv[F_EMAIL].present && !fv[F_PHONE].present && !fv[F_EMAIL].error && !fv[F_PHONE].error) {
        field_fail(r->arena, &v->f_email, _("Give an e-mail address or a telephone number for the answer."));
        bad++;
    }
    return bad;
}

/* The tracking code by e-mail: every header is ours, the code and link in the body. */
static void mail_code(const char *to, const char *code)
{
    const char *base = config_base_url();
    dv_buf body = DV_BUF_INIT;
    buf_printf(&body, "%s\n\n%s: %s\n%s: %s/kien-nghi/ma/%s\n\n%s\n", _("Your petition has been received."),
               _("Tracking code"), code, _("Follow it at"), base, code,
               _("Keep this code: it is the only way to follow your petition; nobody else sees your name."));
    char subject[128];
    snprintf(subject, sizeof subject, "%s %s", _("Petition received:"), code);
    struct mail_plain_msg m = {config_portal_name(), config_mail_from(), to, subject, buf_cstr(&body), time(NULL)};
    dv_buf msg = DV_BUF_INIT;
    if (mail_compose_plain(&m, &msg) == 0 &&
        mail_send(config_smtp_url(), config_mail_from(), to, msg.data, msg.len) != 0)
        log_warn("citizen: the tracking code could not be e-mailed");
    buf_free(&msg);
    buf_free(&body);
}

static const char *refusal_text(enum petition_refusal why)
{
    switch (why) {
    case PR_RATE_IP: return _("Too many petitions have been sent from this connection; please try again in an hour.");
    case PR_RATE_CONTACT: return _("Too many petitions have been sent with this e-mail address or telephone today; please try again tomorrow.");
    case PR_DUPLICATE: return _("The same petition has already been received; its tracking code was given when it was sent.");
    default: return NULL;
    }
}

/* POST /kien-nghi/gui */
void citizen_page_petition_send(dv_req *r)
{
    struct input_value fv[NF];
    int bad = input_form(r, petition_fields, NF, fv);
    struct petition_form_view v;
    memset(&v, 0, sizeof v);
    fields_init(r, &v, fv);
    struct citizen_settings cs;
    dv_db *db = db_thread();
    if (citizen_settings_get(db, &cs)) { res_error(r, 500); return; }
    if (fv[F_TRAP].present) { /* a bot filled the hidden field */
        v.general = _("The petition could not be accepted.");
        { render_form(r, &v, fv[F_CAT].num, fv[F_COMMUNE].num, 422); return; }
    }
    bad += check_contact(r, &v, fv, cs.anonymous_allowed);
    struct petition_file_in files[PETITION_MAX_FILES];
    size_t nfiles = 0;
    if (read_files(r, files, &nfiles, &v.f_files)) bad++;
    if (bad) { render_form(r, &v, fv[F_CAT].num, fv[F_COMMUNE].num, 422); return; }
    int anon = fv[F_ANON].present ? 1 : 0;
    struct petition_input in = {fv[F_CAT].num, fv[F_COMMUNE].num, fv[F_CONTENT].str,
                                fv[F_NAME].present ? fv[F_NAME].str : NULL, fv[F_EMAIL].present ? fv[F_EMAIL].str : NULL,
                                fv[F_PHONE].present ? fv[F_PHONE].str : NULL, anon, r->remote_addr, files, nfiles, NULL};
    char code[PETITION_CODE_LEN + 1];
    int64_t id = 0;
    enum petition_refusal why = PR_NONE;
    int rc = petition_submit(db, &in, code, &id, &why);
    if (rc == DV_EINVAL) {
        field_fail(r->arena, &v.f_commune, _("Choose a commune or ward from the list."));
        { render_form(r, &v, 0, 0, 422); return; }
    }
    if (rc == DV_EBUSY || rc == DV_ECONFLICT) {
        v.general = refusal_text(why);
        if (rc == DV_EBUSY) res_header(r, "Retry-After", "3600");
        { render_form(r, &v, fv[F_CAT].num, fv[F_COMMUNE].num, rc == DV_EBUSY ? 429 : 409); return; }
    }
    if (rc) {
        log_error("citizen: a petition could not be saved: %s", dv_strerror(rc));
        { res_error(r, 500); return; }
    }
    if (!anon && in.email) mail_code(in.email, code);
    page_flash_set(r, "Your petition has been received. Keep its tracking code.");
    res_redirect(r, arena_printf(r->arena, "/kien-nghi/ma/%s", code));
}
