/* doc_model.c - builds the official-document layout model of a report (see doc_model.h). */
#include "report/doc_model.h"

#include "text/text.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum doc_layout doc_layout_for_type(const char *t)
{
    if (!t) return DOC_LAYOUT_STATE;
    if (strncmp(t, "party_", 6) == 0) return DOC_LAYOUT_PARTY;
    if (strcmp(t, "fatherland_front") == 0 || strcmp(t, "sociopolitical_org") == 0) return DOC_LAYOUT_MASS;
    return DOC_LAYOUT_STATE;
}

const char *doc_series_for(dv_arena *a, enum doc_layout layout, const char *date_iso)
{
    if (layout == DOC_LAYOUT_PARTY) return DOC_PARTY_TERM;
    int y = 0, m = 0, d = 0;
    if (!date_iso || sscanf(date_iso, "%d-%d-%d", &y, &m, &d) != 3) y = 1970;
    return arena_printf(a, "%d", y);
}

char *doc_upper(dv_arena *a, const char *s)
{
    if (!s) return NULL;
    gchar *u = g_utf8_strup(s, -1);
    char *r = arena_strdup(a, u);
    g_free(u);
    return r;
}

char *doc_lower_first(dv_arena *a, const char *s)
{
    if (!s || !*s || !g_utf8_validate(s, -1, NULL)) return arena_strdup(a, s);
    gunichar c = g_unichar_tolower(g_utf8_get_char(s));
    char first[8];
    int n = g_unichar_to_utf8(c, first);
    first[n] = 0;
    return arena_printf(a, "%s%s", first, g_utf8_next_char(s));
}

/* The words of s as ASCII initials, upper case: "Ban Dân vận" -> "BDV". */
static void initials(dv_buf *b, const char *s, int max_words)
{
    if (!s) return;
    char *f = text_fold(s); /* folds diacritics and đ→d, lower case */
    int n = 0, at_start = 1;
    for (const char *p = f; *p && (max_words <= 0 || n < max_words); p++) {
        unsigned char c = (unsigned char)*p;
        if (c == ' ' || c == '-') { at_start = 1; continue; }
        if (at_start && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
            buf_putc(b, (char)(c >= 'a' ? c - 32 : c));
            n++;
        }
        at_start = 0;
    }
    free(f);
}

/* name without a trailing " <parent name>" (case-insensitive on the folded text). */
static const char *strip_parent(dv_arena *a, const char *name, const char *parent)
{
    if (!name || !parent || !*parent) return name;
    char *fn = text_fold(name), *fp = text_fold(parent);
    const char *r = name;
    size_t ln = strlen(fn), lp = strlen(fp);
    if (ln > lp + 1 && strcmp(fn + ln - lp, fp) == 0 && fn[ln - lp - 1] == ' ') {
        /* the folded text has the same word count; cut the original after as many words */
        int words = 0;
        for (size_t i = 0; i < ln - lp - 1; i++)
            if (fn[i] == ' ') words++;
        const char *p = name;
        for (int w = 0; w <= words && *p; p++)
            if (*p == ' ' && ++w > words) break;
        r = arena_strndup(a, name, (size_t)(p - name));
    }
    free(fn);
    free(fp);
    return r;
}

static int is_local_type(const char *t)
{
    return t && (strcmp(t, "commune") == 0 || strcmp(t, "ward") == 0 || strcmp(t, "special_zone") == 0);
}

const char *doc_issuer_abbrev(dv_arena *a, const struct doc_source *src)
{
    const char *t = src->unit_type ? src->unit_type : "";
    dv_buf b = {0};
    if (strcmp(t, "peoples_committee") == 0 || strcmp(t, "province") == 0 || is_local_type(t))
        buf_puts(&b, "UBND");
    else if (strcmp(t, "peoples_council") == 0)
        buf_puts(&b, "HDND");
    else if (strcmp(t, "fatherland_front") == 0)
        buf_puts(&b, "MTTQ");
    else if (doc_layout_for_type(t) == DOC_LAYOUT_PARTY && src->parent_name) {
        /* "Ban Dân vận" under "Tỉnh ủy Cà Mau" -> BDV + TU */
        initials(&b, strip_parent(a, src->unit_name, src->parent_name), 0);
        initials(&b, src->parent_name, 2);
    } else if (doc_layout_for_type(t) == DOC_LAYOUT_PARTY) {
        initials(&b, src->unit_name, 2);      /* "Đảng ủy xã …" -> DU */
    } else {
        /* departments, other organisations: the initials before the place name */
        initials(&b, strip_parent(a, src->unit_name, src->parent_name), 3);
    }
    if (b.len == 0) buf_puts(&b, "VP");
    const char *r = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return r;
}

const char *doc_place_date(dv_arena *a, const char *place, const char *date_iso)
{
    int y = 0, m = 0, d = 0;
    if (!date_iso || sscanf(date_iso, "%d-%d-%d", &y, &m, &d) != 3) return place;
    /* Decree 30: days below 10 and months 1, 2 take a leading zero */
    return arena_printf(a, "%s, ngày %02d tháng %s%d năm %d", place, d, m < 3 ? "0" : "", m, y);
}

/* The place name of a unit: commune-level units by their own name without the prefix,
 * province-level bodies DOC_PROVINCE_PLACE. */
static const char *place_of(dv_arena *a, const struct doc_source *src)
{
    static const char *const prefixes[] = {"Xã ", "Phường ", "Đặc khu ", "Thị trấn ", NULL};
    if (is_local_type(src->unit_type) && src->unit_name) {
        for (int i = 0; prefixes[i]; i++) {
            size_t n = strlen(prefixes[i]);
            if (strncmp(src->unit_name, prefixes[i], n) == 0) return arena_strdup(a, src->unit_name + n);
        }
        return src->unit_name;
    }
    return DOC_PROVINCE_PLACE;
}

void doc_model_build(dv_arena *a, const struct doc_source *src, struct doc_model *m)
{
    memset(m, 0, sizeof *m);
    m->layout = doc_layout_for_type(src->unit_type);
    const char *t = src->unit_type ? src->unit_type : "";
    const char *abbrev = doc_issuer_abbrev(a, src);
    const char *dtype = src->doc_type && *src->doc_type ? src->doc_type : "BC";
    char num[32];
    if (src->number > 0)
        snprintf(num, sizeof num, "%lld", (long long)src->number);
    else
        snprintf(num, sizeof num, "%s", "     "); /* left blank for the clerk, as on paper */

    m->title = "BÁO CÁO";
    m->subject = src->subject;
    m->sections = src->sections;
    m->nsections = src->nsections;
    m->rows = src->rows;
    m->nrows = src->nrows;
    m->table_caption = "SỐ LIỆU CÁC CHỈ TIÊU";
    m->signer_name = src->signer_name;
    m->place_date = doc_place_date(a, place_of(a, src), src->date_iso);

    if (m->layout == DOC_LAYOUT_PARTY) {
        m->issuer_superior = src->parent_name ? doc_upper(a, src->parent_name) : NULL;
        m->issuer_name = doc_upper(a, strip_parent(a, src->unit_name, src->parent_name));
        m->number = arena_printf(a, "Số %s-%s/%s", num, dtype, abbrev);
        m->right_heading = "ĐẢNG CỘNG SẢN VIỆT NAM";
        if (strcmp(t, "party_committee") == 0) {
            m->sign_authority = "T/M BAN THƯỜNG VỤ";
            m->sign_title = "BÍ THƯ";
        } else if (strcmp(t, "party_board") == 0) {
            m->sign_authority = "T/M BAN THƯỜNG VỤ";
            m->sign_title = "BÍ THƯ";
        } else {
            m->sign_authority = NULL;
            m->sign_title = "TRƯỞNG BAN";
        }
    } else if (m->layout == DOC_LAYOUT_STATE) {
        if (is_local_type(t) || strcmp(t, "province") == 0) {
            /* the commune (province) as a state body: its People's Committee issues */
            m->issuer_superior = "ỦY BAN NHÂN DÂN";
            m->issuer_name = doc_upper(a, src->unit_name);
            m->sign_authority = "TM. ỦY BAN NHÂN DÂN";
            m->sign_title = "CHỦ TỊCH";
        } else if (strcmp(t, "peoples_committee") == 0) {
            m->issuer_superior = NULL;
            m->issuer_name = doc_upper(a, src->unit_name);
            m->sign_authority = "TM. ỦY BAN NHÂN DÂN";
            m->sign_title = "CHỦ TỊCH";
        } else if (strcmp(t, "peoples_council") == 0) {
            m->issuer_superior = NULL;
            m->issuer_name = doc_upper(a, src->unit_name);
            m->sign_authority = "TM. THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN";
            m->sign_title = "CHỦ TỊCH";
        } else {
            m->issuer_superior = src->parent_name ? doc_upper(a, src->parent_name) : NULL;
            m->issuer_name = doc_upper(a, strip_parent(a, src->unit_name, src->parent_name));
            m->sign_authority = NULL;
            m->sign_title = "THỦ TRƯỞNG CƠ QUAN";
        }
        m->number = arena_printf(a, "Số: %s/%s-%s", num, dtype, abbrev);
        m->right_heading = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
        m->motto = "Độc lập - Tự do - Hạnh phúc";
    } else {
        m->issuer_superior = src->parent_name ? doc_upper(a, src->parent_name) : NULL;
        m->issuer_name = doc_upper(a, src->unit_name);
        m->number = arena_printf(a, "Số: %s/%s-%s", num, dtype, abbrev);
        m->right_heading = strcmp(t, "fatherland_front") == 0 ? "MẶT TRẬN TỔ QUỐC VIỆT NAM"
                                                               : doc_upper(a, src->unit_name);
        m->sign_authority = strcmp(t, "fatherland_front") == 0 ? "TM. BAN THƯỜNG TRỰC" : "TM. BAN THƯỜNG VỤ";
        m->sign_title = "CHỦ TỊCH";
    }

    const char **rec = arena_alloc(a, 3 * sizeof *rec);
    size_t n = 0;
    if (src->receiver_name) rec[n++] = arena_printf(a, "- %s;", src->receiver_name);
    rec[n++] = "- Lưu VT.";
    m->recipients = rec;
    m->nrecipients = n;
}
