/* test_document.c - the report as an official document: layouts (Decree 30/2020 for State
 * bodies, 36-HD/VPTW for Party bodies, the regime's choice of body for a territory), the
 * subject, signers, numbering when issued (per type per term or year, in the order of
 * issue), DOCX parts, PDF text, page numbers and the one embedded font. */
#include "core/clock.h"
#include "org_fixture.h"
#include "report/document/doc_model.h"
#include "report/document/doc_store.h"
#include "core/err.h"
#include "report/period.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <zip.h>

static const struct doc_section sections[] = {
    {"1. Kết quả đạt được", "Triển khai đầy đủ quy chế dân vận.\nTổ chức 12 buổi đối thoại với Nhân dân."},
    {"2. Hạn chế, nguyên nhân", "Một số nơi báo cáo chưa kịp thời."},
};
static const struct doc_row rows[] = {
    {"1", "Số đơn vị có cán bộ phụ trách", "đơn vị", "25", 0, 0},
    {"2", "Số đơn thư tiếp nhận", "đơn", "1.234", 0, 0},
    {"-", "Hội Nông dân", "đơn", "34", 1, 0},
    {"3", "Ghi chú", "", "Đã tổ chức đối thoại tại 12 khóm, ấp; kiến nghị về đất đai được chuyển cơ quan chuyên môn.", 0, 1},
};
static const char *const receivers[] = {"Ban Thường vụ Tỉnh ủy"};

static void party_source(struct doc_source *s)
{
    memset(s, 0, sizeof *s);
    s->unit_type = "party_commission";
    s->unit_name = "Ban Dân vận Tỉnh ủy Cà Mau";
    s->parent_name = "Tỉnh ủy Cà Mau";
    s->parent_type = "party_committee";
    s->date_iso = "2025-07-05";
    s->doc_type = "BC";
    s->number = 12;
    s->subject = "Kết quả thực hiện Quy chế dân vận 6 tháng đầu năm 2025";
    s->sections = sections;
    s->nsections = 2;
    s->rows = rows;
    s->nrows = 4;
    s->recipients = receivers;
    s->nrecipients = 1;
}

static void state_source(struct doc_source *s)
{
    party_source(s);
    s->unit_type = "ward";
    s->unit_name = "Phường Bạc Liêu";
    s->parent_name = "Tỉnh Cà Mau";
    s->parent_type = "province";
    s->number = 3;
    s->date_iso = "2025-02-09";
}

/* The subject under "BÁO CÁO" does not say "báo cáo" again. */
static void test_subject(void **state)
{
    (void)state;
    dv_arena *a = arena_new();
    assert_string_equal(doc_subject(a, "Báo cáo tháng về công tác dân vận", "Tháng 11/2025", 0),
                        "Công tác dân vận tháng 11/2025");
    assert_string_equal(doc_subject(a, "Báo cáo 6 tháng và năm về thực hiện Quy chế công tác dân vận",
                                    "6 tháng đầu năm 2025", 0),
                        "Thực hiện Quy chế công tác dân vận 6 tháng đầu năm 2025");
    assert_string_equal(doc_subject(a, "Báo cáo kết quả thực hiện Quy chế dân vận", "Đợt 1", 0),
                        "Kết quả thực hiện Quy chế dân vận đợt 1");
    /* "về" after words that are not a frequency stays */
    assert_string_equal(doc_subject(a, "Báo cáo kết quả đối thoại về đất đai", "Năm 2025", 0),
                        "Kết quả đối thoại về đất đai năm 2025");
    assert_string_equal(doc_subject(a, "Báo cáo tháng về công tác dân vận", "Tháng 11/2025", 1),
                        "Tổng hợp công tác dân vận tháng 11/2025");
    assert_string_equal(doc_subject(a, "Tình hình dân vận", "Quý I/2025", 0), "Tình hình dân vận quý I/2025");
    arena_free(a);
}

static void test_layouts(void **state)
{
    (void)state;
    assert_int_equal(doc_layout_for_type("party_committee"), DOC_LAYOUT_PARTY);
    assert_int_equal(doc_layout_for_type("party_board"), DOC_LAYOUT_PARTY);
    assert_int_equal(doc_layout_for_type("party_commission"), DOC_LAYOUT_PARTY);
    assert_int_equal(doc_layout_for_type("commune"), DOC_LAYOUT_STATE);
    assert_int_equal(doc_layout_for_type("peoples_committee"), DOC_LAYOUT_STATE);
    assert_int_equal(doc_layout_for_type("fatherland_front"), DOC_LAYOUT_MASS);
    assert_int_equal(doc_layout_for_type("sociopolitical_org"), DOC_LAYOUT_MASS);

    dv_arena *a = arena_new();
    struct doc_source s;
    struct doc_model m;
    party_source(&s);
    doc_model_build(a, &s, &m);
    assert_string_equal(m.number, "Số 12-BC/BDVTU");
    assert_string_equal(m.issuer_superior, "TỈNH ỦY CÀ MAU");
    assert_string_equal(m.issuer_name, "BAN DÂN VẬN");
    assert_string_equal(m.right_heading, "ĐẢNG CỘNG SẢN VIỆT NAM");
    assert_string_equal(m.place_date, "Cà Mau, ngày 05 tháng 7 năm 2025");
    assert_null(m.motto);

    state_source(&s);
    doc_model_build(a, &s, &m);
    assert_string_equal(m.number, "Số: 3/BC-UBND");
    assert_null(m.issuer_superior); /* the People's Committee is the body: one bold name */
    assert_string_equal(m.issuer_name, "ỦY BAN NHÂN DÂN\nPHƯỜNG BẠC LIÊU");
    assert_string_equal(m.recipients[0], "- Ban Thường vụ Tỉnh ủy;");
    assert_string_equal(m.recipients[1], "- Lưu: VT.");
    assert_string_equal(m.right_heading, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_string_equal(m.motto, "Độc lập - Tự do - Hạnh phúc");
    assert_string_equal(m.place_date, "Bạc Liêu, ngày 09 tháng 02 năm 2025");
    assert_string_equal(m.sign_authority, "TM. ỦY BAN NHÂN DÂN");
    assert_string_equal(m.sign_title, "CHỦ TỊCH");

    s.number = 0; /* a draft: the number is left blank */
    doc_model_build(a, &s, &m);
    assert_string_equal(m.number, "Số:      /BC-UBND");

    /* the Front: its own heading, no Quốc hiệu, numbered like a state body */
    s.unit_type = "fatherland_front";
    s.unit_name = "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Cà Mau";
    s.parent_name = NULL;
    s.number = 5;
    doc_model_build(a, &s, &m);
    assert_string_equal(m.number, "Số: 5/BC-MTTQ");
    assert_string_equal(m.right_heading, "MẶT TRẬN TỔ QUỐC VIỆT NAM");
    assert_null(m.motto);
    assert_string_equal(m.place_date, "Cà Mau, ngày 09 tháng 02 năm 2025");

    /* the commune's Party committee issues where the regime says so (36-HD/VPTW) */
    state_source(&s);
    s.body = DOC_BODY_PARTY;
    doc_model_build(a, &s, &m);
    assert_int_equal(m.layout, DOC_LAYOUT_PARTY);
    assert_string_equal(m.issuer_superior, "ĐẢNG BỘ TỈNH CÀ MAU");
    assert_string_equal(m.issuer_name, "ĐẢNG ỦY PHƯỜNG BẠC LIÊU");
    assert_string_equal(m.number, "Số 3-BC/ĐU");
    assert_string_equal(m.right_heading, "ĐẢNG CỘNG SẢN VIỆT NAM");
    assert_string_equal(m.sign_authority, "T/M BAN THƯỜNG VỤ");
    assert_string_equal(m.sign_title, "BÍ THƯ");
    assert_string_equal(m.place_date, "Bạc Liêu, ngày 09 tháng 02 năm 2025");
    assert_string_equal(m.recipients[1], "- Lưu VT.");

    /* the Provincial Committee: no "TỈNH CÀ MAU" above it, number "-BC/TU" */
    party_source(&s);
    s.unit_type = "party_committee";
    s.unit_name = "Tỉnh ủy Cà Mau";
    s.parent_name = "Tỉnh Cà Mau";
    s.parent_type = "province";
    s.number = 7;
    doc_model_build(a, &s, &m);
    assert_null(m.issuer_superior);
    assert_string_equal(m.issuer_name, "TỈNH ỦY CÀ MAU");
    assert_string_equal(m.number, "Số 7-BC/TU");
    assert_string_equal(m.sign_authority, "T/M BAN THƯỜNG VỤ");

    /* the province as a whole: its Party committee, or its People's Committee */
    s.unit_type = "province";
    s.unit_name = "Tỉnh Cà Mau";
    s.parent_name = NULL;
    s.parent_type = NULL;
    s.body = DOC_BODY_PARTY;
    doc_model_build(a, &s, &m);
    assert_null(m.issuer_superior);
    assert_string_equal(m.issuer_name, "TỈNH ỦY CÀ MAU");
    assert_string_equal(m.number, "Số 7-BC/TU");
    s.body = DOC_BODY_STATE;
    doc_model_build(a, &s, &m);
    assert_string_equal(m.issuer_name, "ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU");
    assert_string_equal(m.number, "Số: 7/BC-UBND");
    assert_string_equal(m.sign_authority, "TM. ỦY BAN NHÂN DÂN");

    /* the province's People's Committee as a body of its own: name over two lines */
    s.unit_type = "peoples_committee";
    s.unit_name = "Ủy ban nhân dân tỉnh Cà Mau";
    s.parent_name = "Tỉnh Cà Mau";
    s.parent_type = "province";
    doc_model_build(a, &s, &m);
    assert_null(m.issuer_superior);
    assert_string_equal(m.issuer_name, "ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU");
    assert_string_equal(m.number, "Số: 7/BC-UBND");

    /* a department signs as its head, not "THỦ TRƯỞNG CƠ QUAN" */
    s.unit_type = "department";
    s.unit_name = "Sở Nội vụ tỉnh Cà Mau";
    s.parent_name = "Ủy ban nhân dân tỉnh Cà Mau";
    s.parent_type = "peoples_committee";
    s.body = DOC_BODY_PARTY; /* not a territory: the body choice does not apply */
    doc_model_build(a, &s, &m);
    assert_int_equal(m.layout, DOC_LAYOUT_STATE);
    assert_string_equal(m.issuer_superior, "ỦY BAN NHÂN DÂN TỈNH CÀ MAU");
    assert_string_equal(m.issuer_name, "SỞ NỘI VỤ");
    assert_string_equal(m.number, "Số: 7/BC-SNV");
    assert_null(m.sign_authority);
    assert_string_equal(m.sign_title, "GIÁM ĐỐC");

    /* the signer configured for the unit */
    state_source(&s);
    s.body = DOC_BODY_PARTY;
    struct doc_signer sg = {"T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Phạm Văn Tâm"};
    s.signer = &sg;
    doc_model_build(a, &s, &m);
    assert_string_equal(m.sign_authority, "T/M BAN THƯỜNG VỤ");
    assert_string_equal(m.sign_title, "PHÓ BÍ THƯ");
    assert_string_equal(m.signer_name, "Phạm Văn Tâm");
    struct doc_signer none = {"", "TRƯỞNG BAN", NULL};
    s.signer = &none;
    doc_model_build(a, &s, &m);
    assert_null(m.sign_authority);
    assert_string_equal(m.sign_title, "TRƯỞNG BAN");
    assert_null(m.signer_name);

    assert_string_equal(doc_series_for(a, DOC_LAYOUT_PARTY, "2025-07-05"), "2020-2025");
    assert_string_equal(doc_series_for(a, DOC_LAYOUT_PARTY, "2025-10-20"), "2025-2030");
    assert_string_equal(doc_series_for(a, DOC_LAYOUT_PARTY, "2026-01-02"), "2025-2030");
    assert_string_equal(doc_series_for(a, DOC_LAYOUT_PARTY, "2030-09-30"), "2025-2030");
    assert_string_equal(doc_series_for(a, DOC_LAYOUT_PARTY, "2031-03-01"), "2030-2035");
    assert_string_equal(doc_series_for(a, DOC_LAYOUT_MASS, "2026-01-02"), "2026");
    assert_string_equal(doc_series_for(a, DOC_LAYOUT_STATE, "2025-07-05"), "2025");
    arena_free(a);
}

/* DV_DOC_DUMP=dir keeps the rendered files for a look (pdftoppm, libreoffice). */
static void dump(const dv_buf *b, const char *name)
{
    const char *dir = getenv("DV_DOC_DUMP");
    if (!dir) return;
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "wb");
    if (!fp) return;
    fwrite(b->data, 1, b->len, fp);
    fclose(fp);
}

static char *docx_part(const dv_buf *b, const char *name)
{
    zip_error_t e;
    zip_error_init(&e);
    zip_source_t *src = zip_source_buffer_create(b->data, b->len, 0, &e);
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &e);
    zip_error_fini(&e);
    if (!z) return NULL;
    zip_stat_t st;
    char *out = NULL;
    if (zip_stat(z, name, 0, &st) == 0) {
        zip_file_t *f = zip_fopen(z, name, 0);
        out = calloc(1, st.size + 1);
        zip_fread(f, out, st.size);
        zip_fclose(f);
    }
    zip_discard(z);
    return out;
}

static void test_docx(void **state)
{
    (void)state;
    dv_arena *a = arena_new();
    struct doc_source s;
    struct doc_model m;
    dv_buf b = {0};

    party_source(&s);
    doc_model_build(a, &s, &m);
    assert_int_equal(doc_render_docx(&m, &b), 0);
    dump(&b, "party.docx");
    char *xml = docx_part(&b, "word/document.xml");
    assert_non_null(xml);
    assert_non_null(strstr(xml, "ĐẢNG CỘNG SẢN VIỆT NAM"));
    assert_non_null(strstr(xml, "Số 12-BC/BDVTU"));
    assert_null(strstr(xml, "CỘNG HÒA XÃ HỘI"));
    assert_non_null(strstr(xml, "w:w=\"11906\"")); /* A4 */
    free(xml);
    buf_free(&b);

    state_source(&s);
    doc_model_build(a, &s, &m);
    assert_int_equal(doc_render_docx(&m, &b), 0);
    dump(&b, "state.docx");
    xml = docx_part(&b, "word/document.xml");
    assert_non_null(xml);
    assert_non_null(strstr(xml, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert_non_null(strstr(xml, "Độc lập - Tự do - Hạnh phúc"));
    assert_non_null(strstr(xml, "Số: 3/BC-UBND"));
    assert_non_null(strstr(xml, "w:left=\"1701\"")); /* 30 mm */
    assert_non_null(strstr(xml, "<w:titlePg/>"));      /* no page number on page 1 */
    assert_non_null(strstr(xml, "<w:gridSpan w:val=\"3\"/>")); /* the text value's cell */
    assert_null(strstr(xml, "THỦ TRƯỞNG CƠ QUAN"));
    free(xml);
    char *hdr = docx_part(&b, "word/header1.xml");
    assert_non_null(hdr);
    assert_non_null(strstr(hdr, " PAGE "));
    free(hdr);
    char *ct = docx_part(&b, "[Content_Types].xml");
    assert_non_null(ct);
    free(ct);
    buf_free(&b);
    arena_free(a);
}

/* The output of a poppler tool run on a PDF in memory: fmt has "%s" for the file. */
static char *pdf_tool(const dv_buf *b, const char *fmt)
{
    char path[] = "/tmp/dv-test-pdf-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return NULL;
    if (write(fd, b->data, b->len) != (ssize_t)b->len) return NULL;
    close(fd);
    char cmd[256];
    snprintf(cmd, sizeof cmd, fmt, path);
    FILE *p = popen(cmd, "r");
    dv_buf t = {0};
    char chunk[4096];
    size_t k;
    while (p && (k = fread(chunk, 1, sizeof chunk, p)) > 0) buf_append(&t, chunk, k);
    if (p) pclose(p);
    unlink(path);
    char *s = buf_detach(&t);
    return s ? s : calloc(1, 1);
}

/* pdffonts: every embedded font is a Liberation Serif face (no DejaVu or other fallback). */
static void assert_one_font(const dv_buf *b)
{
    char *out = pdf_tool(b, "pdffonts %s");
    int fonts = 0;
    char *save = NULL;
    int line = 0;
    for (char *l = strtok_r(out, "\n", &save); l; l = strtok_r(NULL, "\n", &save), line++) {
        if (line < 2) continue; /* the heading and its rule */
        const char *plus = strchr(l, '+');
        const char *name = plus && plus - l == 6 ? plus + 1 : l;
        if (strncmp(name, "LiberationSerif", 15) != 0) fail_msg("a font other than Liberation Serif: %s", l);
        fonts++;
    }
    assert_true(fonts > 0);
    free(out);
}

/* pdftotext of a PDF in memory, squeezed to single spaces. */
static char *pdf_text(const dv_buf *b)
{
    char *s = pdf_tool(b, "pdftotext -raw %s -");
    char *w = s;
    for (char *r = s; *r; r++) {
        char c = *r == '\n' ? ' ' : *r;
        if (c == ' ' && w > s && w[-1] == ' ') continue;
        *w++ = c;
    }
    *w = 0;
    return s;
}

/* pdftotext comes with poppler-utils (scripts/install-deps.sh should install it). */
static int have_pdftotext(void)
{
    return system("pdftotext -v >/dev/null 2>&1") == 0;
}

/* The renderer draws with Liberation Serif faces that cover Vietnamese, and nothing else. */
static void test_fonts(void **state)
{
    (void)state;
    const char *files[8];
    size_t n = doc_font_files(files, 8);
    assert_true(n >= 4); /* regular, bold, italic, bold italic (fonts-liberation2) */
    for (size_t i = 0; i < n && i < 8; i++) {
        char cmd[600];
        snprintf(cmd, sizeof cmd, "fc-query -f '%%{charset}' '%s' | grep -q '1ea0-1ef9'", files[i]);
        if (system("command -v fc-query >/dev/null 2>&1") == 0) assert_int_equal(system(cmd), 0);
    }
}

static void test_pdf(void **state)
{
    (void)state;
    if (!have_pdftotext()) skip();
    dv_arena *a = arena_new();
    struct doc_source s;
    struct doc_model m;
    dv_buf b = {0};

    party_source(&s);
    doc_model_build(a, &s, &m);
    assert_int_equal(doc_render_pdf(&m, &b), 0);
    dump(&b, "party.pdf");
    assert_true(b.len > 1000);
    assert_memory_equal(b.data, "%PDF", 4);
    assert_one_font(&b);
    char *t = pdf_text(&b);
    /* no internal codes; the running number column */
    assert_null(strstr(t, "I02"));
    assert_non_null(strstr(t, "TT Chỉ tiêu"));
    /* a text value reads as one sentence after its indicator, not in the number column */
    assert_non_null(strstr(t, "Ghi chú: Đã tổ chức đối thoại tại 12 khóm, ấp;"));
    assert_non_null(strstr(t, "ĐẢNG CỘNG SẢN VIỆT NAM"));
    assert_non_null(strstr(t, "Số 12-BC/BDVTU"));
    assert_non_null(strstr(t, "BAN DÂN VẬN"));
    free(t);
    buf_free(&b);

    state_source(&s);
    doc_model_build(a, &s, &m);
    assert_int_equal(doc_render_pdf(&m, &b), 0);
    dump(&b, "state.pdf");
    assert_memory_equal(b.data, "%PDF", 4);
    assert_one_font(&b);
    t = pdf_text(&b);
    assert_non_null(strstr(t, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert_non_null(strstr(t, "Độc lập - Tự do - Hạnh phúc"));
    assert_non_null(strstr(t, "Số: 3/BC-UBND"));
    free(t);
    /* "Số" and the place-date line on one row (Decree 30's sample) */
    t = pdf_tool(&b, "pdftotext -layout %s -");
    int same_row = 0;
    for (char *l = t; l && *l;) {
        char *nl = strchr(l, '\n');
        if (nl) *nl = 0;
        if (strstr(l, "Số: 3/BC-UBND") && strstr(l, "Bạc Liêu, ngày 09 tháng 02 năm 2025")) same_row = 1;
        l = nl ? nl + 1 : NULL;
    }
    assert_true(same_row);
    free(t);
    buf_free(&b);
    arena_free(a);
}

/* A long report flows over pages: the last table row and the signature are printed. */
static void test_pdf_pages(void **state)
{
    (void)state;
    if (!have_pdftotext()) skip();
    dv_arena *a = arena_new();
    struct doc_source s;
    struct doc_model m;
    state_source(&s);
    struct doc_row *many = arena_alloc(a, 80 * sizeof *many);
    for (int i = 0; i < 80; i++)
        many[i] = (struct doc_row){arena_printf(a, "%d", i + 1), arena_printf(a, "Chỉ tiêu số %d", i + 1), "đơn vị",
                                   arena_printf(a, "%d", i * 7), 0, 0};
    dv_buf body = {0};
    for (int i = 0; i < 40; i++)
        buf_puts(&body, "Công tác dân vận của chính quyền được triển khai đồng bộ, gắn với thực hiện dân chủ ở cơ sở.\n");
    struct doc_section long_sec[] = {{"1. Kết quả", buf_cstr(&body)}};
    s.sections = long_sec;
    s.nsections = 1;
    s.rows = many;
    s.nrows = 80;
    doc_model_build(a, &s, &m);
    dv_buf b = {0};
    assert_int_equal(doc_render_pdf(&m, &b), 0);
    dump(&b, "long.pdf");
    char *t = pdf_text(&b);
    assert_non_null(strstr(t, "Chỉ tiêu số 80"));
    assert_non_null(strstr(t, "CHỦ TỊCH"));
    free(t);
    /* page numbers from page 2, at the top: page 1 has none */
    t = pdf_tool(&b, "pdftotext -raw -f 1 -l 1 %s -");
    assert_true(strncmp(t, "1\n", 2) != 0);
    free(t);
    t = pdf_tool(&b, "pdftotext -raw -f 2 -l 2 %s -");
    assert_true(strncmp(t, "2\n", 2) == 0);
    free(t);
    t = pdf_tool(&b, "pdftotext -raw -f 3 -l 3 %s -");
    assert_true(strncmp(t, "3\n", 2) == 0);
    free(t);
    assert_one_font(&b);
    buf_free(&b);
    buf_free(&body);
    arena_free(a);
}

static void test_numbering(void **state)
{
    struct fx *f = *state;
    int64_t n = 0;
    /* per issuer, type and series */
    assert_int_equal(doc_counter_next(f->db, NULL, NULL, f->C, "BC", "2020-2025", &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(doc_counter_next(f->db, NULL, NULL, f->C, "BC", "2020-2025", &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(doc_counter_next(f->db, NULL, NULL, f->C, "KH", "2020-2025", &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(doc_counter_next(f->db, NULL, NULL, f->C, "BC", "2025-2030", &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(doc_counter_next(f->db, NULL, NULL, f->A, "BC", "2025", &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(doc_counter_next(f->db, NULL, NULL, f->A, "BC", "2026", &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(doc_counter_next(f->db, NULL, NULL, f->A, "BC", "2025", &n), 0);
    assert_int_equal(n, 2);

    /* a report is numbered once, and keeps its number */
    assert_int_equal(db_exec_script(f->db,
        "INSERT INTO regimes (id, code, name, frequency, receiver_unit_id, active_from) "
        "VALUES (1, 'R', 'R', 'half', 1, '2020-01-01');"
        "INSERT INTO periods (id, regime_id, year, seq, label, close_start, close_end) "
        "VALUES (1, 1, 2025, 1, 'H1', '2024-12-15', '2025-06-14');"), 0);
    dv_stmt *st = db_prepare(f->db, "INSERT INTO reports (id, regime_id, period_id, unit_id, deadline) VALUES (?1, 1, 1, ?2, '2025-06-20')");
    db_bind_int(st, 1, 10);
    db_bind_int(st, 2, f->B);
    assert_int_equal(db_exec(st), 0);
    db_bind_int(st, 1, 11);
    db_bind_int(st, 2, f->A);
    assert_int_equal(db_exec(st), 0);
    const char *series = NULL;
    assert_int_equal(doc_number_for_report(f->db, f->a, NULL, NULL, 10, "BC", "2025", &n, &series), 0);
    assert_int_equal(n, 1);
    assert_int_equal(doc_number_for_report(f->db, f->a, NULL, NULL, 10, "BC", "2025", &n, &series), 0);
    assert_int_equal(n, 1);
    assert_string_equal(series, "2025");
    assert_int_equal(doc_number_for_report(f->db, f->a, NULL, NULL, 11, "BC", "2025", &n, &series), 0);
    assert_int_equal(n, 3); /* A's BC/2025 counter was at 2 */
    assert_int_equal(doc_number_for_report(f->db, f->a, NULL, NULL, 99, "BC", "2025", &n, &series), DV_ENOTFOUND);
}

static int64_t report_col(struct fx *f, int64_t id, const char *col)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT COALESCE(%s, 0) FROM reports WHERE id = ?1", col);
    dv_stmt *st = db_prepare(f->db, sql);
    db_bind_int(st, 1, id);
    int64_t v = db_step(st) == DB_ROW ? db_col_int(st, 0) : -1;
    db_done(st);
    return v;
}

static int issue(struct fx *f, int64_t id, enum doc_event ev)
{
    int rc = db_begin(f->db);
    if (!rc) rc = doc_number_issue_tx(f->db, f->a, NULL, NULL, id, ev, NULL);
    if (!rc) rc = db_commit(f->db);
    else db_rollback(f->db);
    return rc;
}

/* A report is numbered when it is issued, in the order of issue: on submission, or on
 * approval where the regime says so; a resubmission keeps the number. */
static void test_issue(void **state)
{
    struct fx *f = *state;
    assert_int_equal(db_exec_script(f->db,
        "INSERT INTO regimes (id, code, name, frequency, receiver_unit_id, active_from, issuer_body) "
        "VALUES (1, 'M', 'M', 'month', 1, '2020-01-01', 'party');"
        "INSERT INTO regimes (id, code, name, frequency, receiver_unit_id, active_from, number_on) "
        "VALUES (2, 'Q', 'Q', 'quarter', 1, '2020-01-01', 'approve');"
        "INSERT INTO periods (id, regime_id, year, seq, label, close_start, close_end) VALUES "
        "(1, 1, 2025, 11, 'Tháng 11/2025', '2025-10-15', '2025-11-14'),"
        "(2, 1, 2025, 12, 'Tháng 12/2025', '2025-11-15', '2025-12-14'),"
        "(3, 2, 2025, 4, 'Quý IV/2025', '2025-09-15', '2025-12-14');"), 0);
    dv_stmt *st = db_prepare(f->db, "INSERT INTO reports (id, regime_id, period_id, unit_id, status, deadline) "
                                    "VALUES (?1, ?2, ?3, ?4, 'submitted', '2026-01-01')");
    const int64_t reps[][3] = {{20, 1, 1}, {21, 1, 2}, {22, 2, 3}};
    for (int i = 0; i < 3; i++) {
        db_bind_int(st, 1, reps[i][0]);
        db_bind_int(st, 2, reps[i][1]);
        db_bind_int(st, 3, reps[i][2]);
        db_bind_int(st, 4, f->A);
        assert_int_equal(db_exec(st), 0);
    }
    /* November sent first, then December: 1 and 2 */
    assert_int_equal(issue(f, 20, DOC_ON_SUBMIT), 0);
    assert_int_equal(issue(f, 21, DOC_ON_SUBMIT), 0);
    assert_int_equal(report_col(f, 20, "doc_number"), 1);
    assert_int_equal(report_col(f, 21, "doc_number"), 2);
    char today[11];
    clock_vn_today(today);
    st = db_prepare(f->db, "SELECT doc_date || ' ' || doc_series FROM reports WHERE id = 20");
    assert_int_equal(db_step(st), DB_ROW);
    char want[64];
    /* the commune's Party committee: numbered in the term of the day */
    snprintf(want, sizeof want, "%s %s", today, doc_series_for(f->a, DOC_LAYOUT_PARTY, today));
    assert_string_equal(db_col_text(st, 0), want);
    db_done(st);
    /* returned and sent again: the same number, the counter unmoved */
    assert_int_equal(issue(f, 20, DOC_ON_SUBMIT), 0);
    assert_int_equal(report_col(f, 20, "doc_number"), 1);
    /* an approval does not number a regime that numbers on submission */
    assert_int_equal(issue(f, 21, DOC_ON_APPROVE), 0);
    assert_int_equal(report_col(f, 21, "doc_number"), 2);

    /* numbered on approval: the submission leaves it blank */
    assert_int_equal(issue(f, 22, DOC_ON_SUBMIT), 0);
    assert_int_equal(report_col(f, 22, "doc_number"), 0);
    assert_int_equal(issue(f, 22, DOC_ON_APPROVE), 0);
    assert_int_equal(report_col(f, 22, "doc_number"), 1); /* its own series: the year, a state layout */
    assert_int_equal(issue(f, 99, DOC_ON_SUBMIT), DV_ENOTFOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layouts),
        cmocka_unit_test(test_subject),
        cmocka_unit_test(test_fonts),
        cmocka_unit_test(test_docx),
        cmocka_unit_test(test_pdf),
        cmocka_unit_test(test_pdf_pages),
        cmocka_unit_test_setup_teardown(test_numbering, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_issue, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
