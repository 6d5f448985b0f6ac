/* test_document.c - the report as an official document: layouts, numbering per type per
 * term (Party) or year (state), DOCX parts and PDF text. */
#include "org_fixture.h"
#include "report/doc_model.h"
#include "report/doc_store.h"
#include "core/err.h"

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
    {"I01", "Số đơn vị có cán bộ phụ trách", "đơn vị", "25", 0},
    {"I02", "Số đơn thư tiếp nhận", "đơn", "1.234", 0},
    {"I02.HND", "Hội Nông dân", "đơn", "34", 1},
};

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
    s->nrows = 3;
    s->receiver_name = "Ban Thường vụ Tỉnh ủy";
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
    assert_string_equal(m.issuer_superior, "ỦY BAN NHÂN DÂN");
    assert_string_equal(m.issuer_name, "PHƯỜNG BẠC LIÊU");
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

    assert_string_equal(doc_series_for(a, DOC_LAYOUT_PARTY, "2025-07-05"), DOC_PARTY_TERM);
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
    free(xml);
    char *ct = docx_part(&b, "[Content_Types].xml");
    assert_non_null(ct);
    free(ct);
    buf_free(&b);
    arena_free(a);
}

/* pdftotext of a PDF in memory, squeezed to single spaces. */
static char *pdf_text(const dv_buf *b)
{
    char path[] = "/tmp/dv-test-pdf-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return NULL;
    if (write(fd, b->data, b->len) != (ssize_t)b->len) return NULL;
    close(fd);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "pdftotext -raw %s -", path);
    FILE *p = popen(cmd, "r");
    dv_buf t = {0};
    char chunk[4096];
    size_t k;
    while (p && (k = fread(chunk, 1, sizeof chunk, p)) > 0) buf_append(&t, chunk, k);
    if (p) pclose(p);
    unlink(path);
    char *s = buf_detach(&t);
    if (!s) return calloc(1, 1);
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
    char *t = pdf_text(&b);
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
    t = pdf_text(&b);
    assert_non_null(strstr(t, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert_non_null(strstr(t, "Độc lập - Tự do - Hạnh phúc"));
    assert_non_null(strstr(t, "Số: 3/BC-UBND"));
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
        many[i] = (struct doc_row){arena_printf(a, "I%02d", i + 1), arena_printf(a, "Chỉ tiêu số %d", i + 1), "đơn vị",
                                   arena_printf(a, "%d", i * 7), 0};
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

/* The consolidated report's sums: sent (submitted, approved) reports of the units asked,
 * per indicator and option; drafts and other units left out. */
static void test_sums(void **state)
{
    struct fx *f = *state;
    assert_int_equal(db_exec_script(f->db,
        "INSERT INTO regimes (id, code, name, frequency, receiver_unit_id, active_from) "
        "VALUES (1, 'R', 'R', 'half', 1, '2020-01-01');"
        "INSERT INTO periods (id, regime_id, year, seq, label, close_start, close_end) "
        "VALUES (1, 1, 2025, 1, 'H1', '2024-12-15', '2025-06-14');"
        "INSERT INTO indicators (id, regime_id, code, name, type) VALUES (1, 1, 'I01', 'a', 'int'), (2, 1, 'I02', 'b', 'int');"), 0);
    struct { int64_t id, unit; const char *status; } reps[] = {
        {10, f->A, "submitted"}, {11, f->B, "approved"}, {12, f->C, "draft"}, {13, f->D, "submitted"},
    };
    for (int i = 0; i < 4; i++) {
        dv_stmt *st = db_prepare(f->db, "INSERT INTO reports (id, regime_id, period_id, unit_id, status, deadline) VALUES (?1, 1, 1, ?2, ?3, '2025-06-20')");
        db_bind_int(st, 1, reps[i].id);
        db_bind_int(st, 2, reps[i].unit);
        db_bind_text(st, 3, reps[i].status);
        assert_int_equal(db_exec(st), 0);
        st = db_prepare(f->db, "INSERT INTO report_values (report_id, indicator_id, option_id, num) VALUES (?1, 1, 0, ?2), (?1, 2, 5, 1)");
        db_bind_int(st, 1, reps[i].id);
        db_bind_int(st, 2, 10 * (i + 1));
        assert_int_equal(db_exec(st), 0);
    }
    int64_t units[] = {f->A, f->B, f->C};
    struct doc_sum *sums;
    size_t n;
    int64_t received;
    assert_int_equal(doc_store_sums(f->db, f->a, 1, 1, units, 3, &sums, &n, &received), 0);
    assert_int_equal(received, 2);
    assert_int_equal(n, 2);
    assert_int_equal(sums[0].indicator_id, 1);
    assert_true(sums[0].sum == 30); /* A 10 + B 20; C is a draft, D not asked */
    assert_int_equal(sums[0].count, 2);
    assert_int_equal(sums[1].indicator_id, 2);
    assert_int_equal(sums[1].option_id, 5);
    assert_true(sums[1].sum == 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layouts),
        cmocka_unit_test(test_docx),
        cmocka_unit_test(test_pdf),
        cmocka_unit_test(test_pdf_pages),
        cmocka_unit_test_setup_teardown(test_numbering, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_sums, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
