/* cadre_prefill.c - the cadres' pre-fill source (report/prefill.h):
 * "directive.cadres_assigned", the units of the reporting unit's subtree that have an
 * assigned mass-mobilization cadre on the last day of the period. */
#include "directive/cadre.h"

#include "core/buf.h"
#include "core/i18n.h"
#include "report/prefill.h"
#include "text/text.h"

#define NAMES_SHOWN 5

static int cadres_assigned(dv_db *db, dv_arena *a, int64_t unit_id, const char *from, const char *to, double *value,
                           const char **derivation)
{
    (void)from;
    struct cadre_coverage_row *rows;
    size_t n;
    int rc = cadre_coverage(db, a, unit_id, to, &rows, &n);
    if (rc) return rc;
    size_t with = 0;
    for (size_t i = 0; i < n; i++) with += rows[i].cadre.id != 0;
    *value = (double)with;
    dv_buf b = DV_BUF_INIT;
    buf_printf(&b, _("%zu of %zu units have an assigned cadre on %s"), with, n, text_date_dmy(a, to));
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (rows[i].cadre.id) continue;
        if (shown == NAMES_SHOWN) {
            buf_puts(&b, ", …");
            break;
        }
        buf_puts(&b, shown ? ", " : _("; without one: "));
        buf_puts(&b, rows[i].unit_name);
        shown++;
    }
    buf_puts(&b, ".");
    *derivation = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return 0;
}

static const struct prefill_source cadre_sources[] = {
    {"directive.cadres_assigned", N_("Units with an assigned mass-mobilization cadre"), cadres_assigned},
};

void cadre_prefill_register(void)
{
    report_prefill_add(cadre_sources, sizeof cadre_sources / sizeof *cadre_sources);
}
