/* doc_model.c - builds the official-document layout model of a report (see doc_model.h). */
#include "report/document/doc_model.h"

#include "text/text.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_local_type(const char *t)
{
    return t && (strcmp(t, "commune") == 0 || strcmp(t, "ward") == 0 || strcmp(t, "special_zone") == 0);
}

static int is_territorial(const char *t)
{
    return is_local_type(t) || (t && strcmp(t, "province") == 0);
}

enum doc_body doc_body_parse(const char *code)
{
    if (code && strcmp(code, "party") == 0) return DOC_BODY_PARTY;
    if (code && strcmp(code, "state") == 0) return DOC_BODY_STATE;
    return DOC_BODY_UNIT;
}

const char *doc_body_code(enum doc_body b)
{
    return b == DOC_BODY_PARTY ? "party" : b == DOC_BODY_STATE ? "state" : "unit";
}

enum doc_layout doc_layout_for_type(const char *t)
{
    return doc_layout_of(t, NULL, DOC_BODY_UNIT);
}

enum doc_layout doc_layout_of(const char *t, const char *parent_type, enum doc_body body)
{
    if (!t) return DOC_LAYOUT_STATE;
    if (is_territorial(t)) return body == DOC_BODY_PARTY ? DOC_LAYOUT_PARTY : DOC_LAYOUT_STATE;
    if (strncmp(t, "party_", 6) == 0) return DOC_LAYOUT_PARTY;
    /* an office of a Party committee (Văn phòng Tỉnh ủy) is a Party body */
    if (strcmp(t, "agency") == 0 && parent_type && strncmp(parent_type, "party_", 6) == 0) return DOC_LAYOUT_PARTY;
    if (strcmp(t, "fatherland_front") == 0 || strcmp(t, "sociopolitical_org") == 0) return DOC_LAYOUT_MASS;
    return DOC_LAYOUT_STATE;
}

const char *doc_series_for(dv_arena *a, enum doc_layout layout, const char *date_iso)
{
    int y = 0, m = 0, d = 0;
    if (!date_iso || sscanf(date_iso, "%d-%d-%d", &y, &m, &d) != 3) y = 1970, m = 1;
    if (layout != DOC_LAYOUT_PARTY) return arena_printf(a, "%d", y);
    int k = y >= 2020 ? (y - 2020) / 5 : -((2020 - y + 4) / 5);
    int start = 2020 + 5 * k;
    if (y == start && m < DOC_PARTY_TERM_MONTH) start -= 5;
    return arena_printf(a, "%d-%d", start, start + 5);
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

/* A name without its leading word(s) prefix: "Tỉnh Cà Mau" -> "Cà Mau"; NULL when it does
 * not start with one of them. */
static const char *after_prefix(const char *name)
{
    static const char *const prefixes[] = {"Tỉnh ", "Thành phố ", "Xã ", "Phường ", "Đặc khu ", "Thị trấn ", NULL};
    if (!name) return NULL;
    for (int i = 0; prefixes[i]; i++) {
        size_t n = strlen(prefixes[i]);
        if (strncmp(name, prefixes[i], n) == 0) return name + n;
    }
    return NULL;
}

static int starts_with(const char *s, const char *p)
{
    return s && strncmp(s, p, strlen(p)) == 0;
}

/* The abbreviation of a Party committee by its name: Tỉnh ủy / Thành ủy "TU", Đảng ủy "ĐU". */
static void committee_abbrev(dv_buf *b, const char *name)
{
    if (starts_with(name, "Tỉnh ủy") || starts_with(name, "Thành ủy")) buf_puts(b, "TU");
    else if (starts_with(name, "Đảng ủy")) buf_puts(b, "ĐU");
    else if (starts_with(name, "Huyện ủy") || starts_with(name, "Quận ủy")) buf_puts(b, "HU");
    else initials(b, name, 2);
}

/* Who issues, resolved from the unit, its parent and the regime's body. */
struct issuer {
    enum doc_layout layout;
    const char *superior, *name, *abbrev, *place;
    const char *authority, *position;
};

static const char *territorial_place(dv_arena *a, const char *name)
{
    const char *p = after_prefix(name);
    return p ? arena_strdup(a, p) : name;
}

static void resolve_party(dv_arena *a, const struct doc_source *src, struct issuer *is, dv_buf *ab)
{
    const char *t = src->unit_type ? src->unit_type : "";
    const char *parent_t = src->parent_type ? src->parent_type : "";
    is->authority = "T/M BAN THƯỜNG VỤ";
    is->position = "BÍ THƯ";
    if (strcmp(t, "province") == 0) {
        /* Tỉnh Cà Mau -> TỈNH ỦY CÀ MAU (Thành phố Hà Nội -> THÀNH ỦY HÀ NỘI) */
        const char *place = territorial_place(a, src->unit_name);
        int city = starts_with(src->unit_name, "Thành phố ");
        is->name = doc_upper(a, arena_printf(a, "%s %s", city ? "Thành ủy" : "Tỉnh ủy", place));
        is->place = place;
        buf_puts(ab, "TU");
    } else if (is_local_type(t)) {
        /* Phường Bạc Liêu under Tỉnh Cà Mau -> ĐẢNG BỘ TỈNH CÀ MAU / ĐẢNG ỦY PHƯỜNG BẠC LIÊU */
        if (src->parent_name && is_territorial(parent_t))
            is->superior = doc_upper(a, arena_printf(a, "Đảng bộ %s", src->parent_name));
        is->name = doc_upper(a, arena_printf(a, "Đảng ủy %s", src->unit_name));
        is->place = territorial_place(a, src->unit_name);
        buf_puts(ab, "ĐU");
    } else if (strcmp(t, "party_committee") == 0) {
        /* a committee under its territory writes no superior (TỈNH ỦY CÀ MAU, "-BC/TU") */
        if (src->parent_name && !is_territorial(parent_t)) is->superior = doc_upper(a, src->parent_name);
        is->name = doc_upper(a, src->unit_name);
        committee_abbrev(ab, src->unit_name);
    } else if (strcmp(t, "party_board") == 0 && src->parent_name && strcmp(parent_t, "party_committee") == 0) {
        /* the standing board issues in its committee's name and signs T/M BAN THƯỜNG VỤ */
        is->name = doc_upper(a, src->parent_name);
        committee_abbrev(ab, src->parent_name);
    } else if (src->parent_name && strncmp(parent_t, "party_", 6) == 0) {
        /* a commission or office of a committee: TỈNH ỦY CÀ MAU / BAN DÂN VẬN, "-BC/BDVTU" */
        const char *own = strip_parent(a, src->unit_name, src->parent_name);
        is->superior = doc_upper(a, src->parent_name);
        is->name = doc_upper(a, own);
        initials(ab, own, 0);
        committee_abbrev(ab, src->parent_name);
        is->authority = NULL;
        is->position = starts_with(own, "Văn phòng") ? "CHÁNH VĂN PHÒNG" : "TRƯỞNG BAN";
    } else {
        is->name = doc_upper(a, src->unit_name);
        initials(ab, src->unit_name, 2);
        is->authority = NULL;
        is->position = "TRƯỞNG BAN";
    }
}

/* "Ủy ban nhân dân tỉnh Cà Mau" -> "ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU": the body, then its territory. */
static const char *two_lines(dv_arena *a, const char *name, const char *body)
{
    size_t n = strlen(body);
    if (name && strncmp(name, body, n) == 0 && name[n])
        return doc_upper(a, arena_printf(a, "%.*s\n%s", (int)(n - 1), name, name + n));
    return doc_upper(a, name);
}

static void resolve_state(dv_arena *a, const struct doc_source *src, struct issuer *is, dv_buf *ab)
{
    const char *t = src->unit_type ? src->unit_type : "";
    if (is_territorial(t)) {
        /* the territory's People's Committee: ỦY BAN NHÂN DÂN / PHƯỜNG BẠC LIÊU (one name) */
        is->name = doc_upper(a, arena_printf(a, "Ủy ban nhân dân\n%s", src->unit_name));
        is->place = territorial_place(a, src->unit_name);
        buf_puts(ab, "UBND");
        is->authority = "TM. ỦY BAN NHÂN DÂN";
        is->position = "CHỦ TỊCH";
    } else if (strcmp(t, "peoples_committee") == 0) {
        is->name = two_lines(a, src->unit_name, "Ủy ban nhân dân ");
        buf_puts(ab, "UBND");
        is->authority = "TM. ỦY BAN NHÂN DÂN";
        is->position = "CHỦ TỊCH";
    } else if (strcmp(t, "peoples_council") == 0) {
        is->name = two_lines(a, src->unit_name, "Hội đồng nhân dân ");
        buf_puts(ab, "HĐND");
        is->authority = "TM. THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN";
        is->position = "CHỦ TỊCH";
    } else {
        /* a department under its People's Committee: ỦY BAN NHÂN DÂN TỈNH CÀ MAU / SỞ NỘI VỤ */
        const char *own = strip_parent(a, src->unit_name, src->parent_name);
        if (own == src->unit_name && src->parent_name) {
            /* "Sở Nội vụ tỉnh Cà Mau" under "Ủy ban nhân dân tỉnh Cà Mau": cut the place */
            const char *pp = strstr(src->parent_name, " tỉnh ");
            if (pp) own = strip_parent(a, src->unit_name, pp + 1);
        }
        if (src->parent_name) is->superior = doc_upper(a, src->parent_name);
        is->name = doc_upper(a, own);
        initials(ab, own, 4);
        is->authority = NULL;
        is->position = starts_with(own, "Văn phòng") ? "CHÁNH VĂN PHÒNG" : "GIÁM ĐỐC";
    }
}

static void resolve_mass(dv_arena *a, const struct doc_source *src, struct issuer *is, dv_buf *ab)
{
    const char *t = src->unit_type ? src->unit_type : "";
    int front = strcmp(t, "fatherland_front") == 0;
    if (src->parent_name && !is_territorial(src->parent_type)) is->superior = doc_upper(a, src->parent_name);
    is->name = doc_upper(a, src->unit_name);
    if (front) buf_puts(ab, "MTTQ");
    else initials(ab, strip_parent(a, src->unit_name, src->parent_name), 3);
    is->authority = front ? "TM. BAN THƯỜNG TRỰC" : "TM. BAN THƯỜNG VỤ";
    is->position = starts_with(src->unit_name, "Tỉnh đoàn") ? "BÍ THƯ" : "CHỦ TỊCH";
}

static void resolve(dv_arena *a, const struct doc_source *src, struct issuer *is)
{
    memset(is, 0, sizeof *is);
    is->layout = doc_layout_of(src->unit_type, src->parent_type, src->body);
    dv_buf ab = {0};
    if (is->layout == DOC_LAYOUT_PARTY) resolve_party(a, src, is, &ab);
    else if (is->layout == DOC_LAYOUT_STATE) resolve_state(a, src, is, &ab);
    else resolve_mass(a, src, is, &ab);
    if (ab.len == 0) buf_puts(&ab, "VP");
    is->abbrev = arena_strdup(a, buf_cstr(&ab));
    buf_free(&ab);
    if (!is->place) is->place = DOC_PROVINCE_PLACE;
}

const char *doc_issuer_abbrev(dv_arena *a, const struct doc_source *src)
{
    struct issuer is;
    resolve(a, src, &is);
    return is.abbrev;
}

const char *doc_place_date(dv_arena *a, const char *place, const char *date_iso)
{
    int y = 0, m = 0, d = 0;
    if (!date_iso || sscanf(date_iso, "%d-%d-%d", &y, &m, &d) != 3) return place;
    /* Decree 30: days below 10 and months 1, 2 take a leading zero */
    return arena_printf(a, "%s, ngày %02d tháng %s%d năm %d", place, d, m < 3 ? "0" : "", m, y);
}

/* s without a leading word (case-insensitive on the folded text), and the words after it. */
static const char *cut_word(const char *s, const char *word_folded)
{
    char *f = text_fold(s);
    size_t n = strlen(word_folded);
    const char *r = NULL;
    if (strncmp(f, word_folded, n) == 0 && (f[n] == ' ' || f[n] == 0)) {
        /* the same number of words in the original */
        int words = 0;
        for (size_t i = 0; i < n; i++)
            if (word_folded[i] == ' ') words++;
        const char *p = s;
        for (int w = 0; *p; p++)
            if (*p == ' ' && w++ == words) break;
        r = *p ? p + 1 : p;
    }
    free(f);
    return r;
}

/* Do the first n bytes of s only name a frequency ("tháng", "6 tháng và năm", "quý")? */
static int is_frequency(const char *s, size_t n)
{
    static const char *const words[] = {"thang", "quy", "nam", "va", "dinh", "ky", "hang", "tuan", "6", "9", NULL};
    char *part = g_strndup(s, n);
    char *f = text_fold(part);
    g_free(part);
    int ok = *f != 0;
    char *save = NULL;
    for (char *w = strtok_r(f, " ", &save); ok && w; w = strtok_r(NULL, " ", &save)) {
        int known = 0;
        for (int i = 0; words[i] && !known; i++) known = strcmp(w, words[i]) == 0;
        ok = known;
    }
    free(f);
    return ok;
}

const char *doc_subject(dv_arena *a, const char *regime_name, const char *period_label, int consolidated)
{
    const char *name = regime_name ? regime_name : "";
    const char *rest = cut_word(name, "bao cao");
    if (rest && *rest) {
        /* "tháng về công tác dân vận" / "6 tháng và năm về …": drop the frequency before "về" */
        const char *ve = strstr(rest, " về ");
        if (ve && is_frequency(rest, (size_t)(ve - rest))) rest = ve + strlen(" về ");
        else if (cut_word(rest, "ve")) rest = cut_word(rest, "ve");
        name = rest;
    }
    const char *label = period_label ? doc_lower_first(a, period_label) : "";
    const char *s = arena_printf(a, "%s %s", consolidated ? doc_lower_first(a, name) : name, label);
    if (consolidated) return arena_printf(a, "Tổng hợp %s", s);
    /* the first letter up: "công tác …" -> "Công tác …" */
    if (!*s || !g_utf8_validate(s, -1, NULL)) return s;
    gunichar c = g_unichar_toupper(g_utf8_get_char(s));
    char first[8];
    int n = g_unichar_to_utf8(c, first);
    first[n] = 0;
    return arena_printf(a, "%s%s", first, g_utf8_next_char(s));
}

void doc_model_build(dv_arena *a, const struct doc_source *src, struct doc_model *m)
{
    memset(m, 0, sizeof *m);
    struct issuer is;
    resolve(a, src, &is);
    m->layout = is.layout;
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
    m->place_date = doc_place_date(a, is.place, src->date_iso);
    m->issuer_superior = is.superior;
    m->issuer_name = is.name;
    m->sign_authority = is.authority;
    m->sign_title = is.position;

    if (m->layout == DOC_LAYOUT_PARTY) {
        m->number = arena_printf(a, "Số %s-%s/%s", num, dtype, is.abbrev);
        m->right_heading = "ĐẢNG CỘNG SẢN VIỆT NAM";
    } else if (m->layout == DOC_LAYOUT_STATE) {
        m->number = arena_printf(a, "Số: %s/%s-%s", num, dtype, is.abbrev);
        m->right_heading = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
        m->motto = "Độc lập - Tự do - Hạnh phúc";
    } else {
        m->number = arena_printf(a, "Số: %s/%s-%s", num, dtype, is.abbrev);
        m->right_heading = strcmp(src->unit_type ? src->unit_type : "", "fatherland_front") == 0
                               ? "MẶT TRẬN TỔ QUỐC VIỆT NAM"
                               : doc_upper(a, src->unit_name);
    }
    if (src->signer) {
        if (src->signer->authority) m->sign_authority = *src->signer->authority ? src->signer->authority : NULL;
        if (src->signer->position && *src->signer->position) m->sign_title = src->signer->position;
        if (src->signer->name && *src->signer->name) m->signer_name = src->signer->name;
    }

    const char **rec = arena_alloc(a, (src->nrecipients + 2) * sizeof *rec);
    size_t n = 0;
    for (size_t i = 0; i < src->nrecipients; i++)
        if (src->recipients[i] && *src->recipients[i]) rec[n++] = arena_printf(a, "- %s;", src->recipients[i]);
    rec[n++] = m->layout == DOC_LAYOUT_PARTY ? "- Lưu VT." : "- Lưu: VT.";
    m->recipients = rec;
    m->nrecipients = n;
}
