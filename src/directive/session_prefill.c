/* session_prefill.c - the pre-fill sources of dissemination (report/prefill.h), each over
 * the units of the reporting unit's subtree and the period [from, to]:
 *   "directive.sessions"          the dissemination sessions held;
 *   "directive.participants"      the participants who attended them;
 *   "directive.concretizing_docs" the documents issued that concretize another. */
#include "directive/session.h"

#include "core/buf.h"
#include "core/i18n.h"
#include "report/prefill.h"
#include "text/decimal.h"
#include "text/text.h"

#define LISTED 4 /* sessions or documents named in a derivation */

/* "3 sessions from 12/03/2026 to 30/06/2026: 12/03/2026 Đảng ủy xã A, …" */
static void list_sessions(dv_buf *b, dv_arena *a, const struct dissem_session *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i == LISTED) {
            buf_puts(b, ", …");
            break;
        }
        buf_puts(b, i ? ", " : ": ");
        buf_printf(b, "%s %s", text_date_dmy(a, s[i].held_on), s[i].unit_name);
    }
}

static int sessions_held(dv_db *db, dv_arena *a, int64_t unit_id, const char *from, const char *to, double *value,
                         const char **derivation)
{
    struct dissem_session *s;
    size_t n;
    int rc = dissem_session_list_subtree(db, a, unit_id, from, to, &s, &n);
    if (rc) return rc;
    *value = (double)n;
    dv_buf b = DV_BUF_INIT;
    buf_printf(&b, _("%zu sessions from %s to %s"), n, text_date_dmy(a, from), text_date_dmy(a, to));
    list_sessions(&b, a, s, n);
    buf_puts(&b, ".");
    *derivation = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return 0;
}

static int participants(dv_db *db, dv_arena *a, int64_t unit_id, const char *from, const char *to, double *value,
                        const char **derivation)
{
    struct dissem_session *s;
    size_t n;
    int rc = dissem_session_list_subtree(db, a, unit_id, from, to, &s, &n);
    if (rc) return rc;
    long long att = 0, exp = 0;
    for (size_t i = 0; i < n; i++) {
        att += s[i].attended;
        exp += s[i].expected;
    }
    *value = (double)att;
    *derivation = arena_printf(a, _("Attended %s in %zu sessions from %s to %s."),
                               dissem_rate_text(a, att, exp, i18n_lang()), n, text_date_dmy(a, from),
                               text_date_dmy(a, to));
    return 0;
}

static int concretizing(dv_db *db, dv_arena *a, int64_t unit_id, const char *from, const char *to, double *value,
                        const char **derivation)
{
    const char **codes;
    size_t n;
    int rc = dissem_concretizing_docs(db, a, unit_id, from, to, &codes, &n);
    if (rc) return rc;
    *value = (double)n;
    dv_buf b = DV_BUF_INIT;
    buf_printf(&b, _("%zu concretizing documents issued from %s to %s"), n, text_date_dmy(a, from), text_date_dmy(a, to));
    for (size_t i = 0; i < n; i++) {
        if (i == LISTED) {
            buf_puts(&b, ", …");
            break;
        }
        buf_puts(&b, i ? ", " : ": ");
        buf_puts(&b, codes[i]);
    }
    buf_puts(&b, ".");
    *derivation = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return 0;
}

static const struct prefill_source session_sources[] = {
    {"directive.sessions", N_("Dissemination sessions held"), sessions_held},
    {"directive.participants", N_("Participants in dissemination sessions"), participants},
    {"directive.concretizing_docs", N_("Concretizing documents issued"), concretizing},
};

void dissem_prefill_register(void)
{
    report_prefill_add(session_sources, sizeof session_sources / sizeof *session_sources);
}
