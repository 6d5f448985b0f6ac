/* report_routes.c - registers every route of the reporting area. */
#include "report/report_routes.h"
#include "http/page.h"
#include "report/report_access.h"
#include "report/entry/api_write.h"

#include "core/i18n.h"
#include "org/audit.h"
#include "org/unit.h"
#include "report/regime/regime.h"
#include "report/report.h"

/* How the audit log names the reporting area's records. */
static int describe_report(dv_db *db, dv_arena *a, int64_t id, const char **label, const char **href)
{
    struct report rep;
    struct regime g;
    struct report_period p;
    struct unit u;
    if (report_store_get(db, a, id, &rep) != 0 || regime_store_get(db, a, rep.regime_id, &g) != 0 ||
        report_period_get(db, a, rep.period_id, &p) != 0 || unit_store_get(db, a, rep.unit_id, &u) != 0)
        return -1;
    *label = arena_printf(a, "%s · %s · %s", g.name, p.label, u.name);
    *href = arena_printf(a, "/reports/%lld/%lld/%lld", (long long)rep.regime_id, (long long)rep.period_id,
                         (long long)rep.unit_id);
    return 0;
}

static int describe_regime(dv_db *db, dv_arena *a, int64_t id, const char **label, const char **href)
{
    (void)href;
    struct regime g;
    if (regime_store_get(db, a, id, &g) != 0) return -1;
    *label = g.name;
    return 0;
}

static int describe_period(dv_db *db, dv_arena *a, int64_t id, const char **label, const char **href)
{
    struct report_period p;
    struct regime g;
    if (report_period_get(db, a, id, &p) != 0 || regime_store_get(db, a, p.regime_id, &g) != 0) return -1;
    *label = arena_printf(a, "%s · %s", p.label, g.name);
    *href = arena_printf(a, "/regimes/%lld", (long long)p.regime_id);
    return 0;
}

static int describe_category_set(dv_db *db, dv_arena *a, int64_t id, const char **label, const char **href)
{
    (void)href;
    struct category_set c;
    if (category_set_get(db, a, id, &c) != 0) return -1;
    *label = c.name;
    return 0;
}

static void report_audit_kinds(void)
{
    audit_kind_add("report", N_("Report"), NULL, describe_report);
    audit_kind_add("regime", N_("Reporting regime"), "/regimes/%lld", describe_regime);
    audit_kind_add("period", N_("Reporting period"), NULL, describe_period);
    audit_kind_add("period_deadline", N_("Deadline of a period"), NULL, describe_period);
    audit_kind_add("lock_exception", N_("Lock exception"), NULL, describe_period);
    audit_kind_add("indicator", N_("Indicator"), NULL, NULL);
    audit_kind_add("indicator_rule", N_("Rule between indicators"), NULL, NULL);
    audit_kind_add("regime_assignment", N_("Assignment of a regime"), NULL, NULL);
    audit_kind_add("regime_deadline", N_("Deadline of a regime"), "/regimes/%lld", describe_regime);
    audit_kind_add("regime_section", N_("Narrative section of a regime"), "/regimes/%lld", describe_regime);
    audit_kind_add("category_set", N_("Category set"), "/category-sets/%lld", describe_category_set);
    audit_kind_add("category_option", N_("Category"), NULL, NULL);
}

static const struct menu_entry report_menu[] = {
    {"reports", "/reports", N_("Reports"), 200, report_can_enter_reports},
    {"dashboard", "/dashboard", N_("Dashboards"), 300, report_can_view_dashboards},
    {"regimes", "/regimes", N_("Reporting regimes"), 400, report_can_manage_regimes},
    {"category_sets", "/category-sets", N_("Disaggregations"), 500, report_can_manage_regimes},
};

static const char *const report_flash[] = {
    N_("Periods generated."),
    N_("This indicator already has reported values; it cannot be removed."),
    N_("This category already holds reported values; it cannot be removed."),
    N_("The set has been deleted."),
    N_("Indicators use this set; it cannot be deleted."),
};

void report_routes_register(void)
{
    page_menu_add(report_menu, sizeof report_menu / sizeof *report_menu);
    page_flash_add(report_flash, sizeof report_flash / sizeof *report_flash);
    report_audit_kinds();
    regime_routes_register();
    category_set_routes_register();
    entry_routes_register();
    dashboard_routes_register();
    document_routes_register();
    api_write_routes_register();
}
