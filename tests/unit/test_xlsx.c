/* test_xlsx.c - the XLSX form round trip: write a form, read it back (equal values), edit a
 * cell inside the zip and read the edit, errors by sheet and cell, wrong files refused. */
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "report/report_validate.h"
#include "report/entry/xlsx_form.h"
#include "report/entry/xlsx_read.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

static const struct report_def_option orgs[] = {{101, "HND", "Hội Nông dân"}, {102, "HLHPN", "Hội LHPN"}};
static const struct report_def_indicator inds[] = {
    {1, "I01", "Số đơn thư tiếp nhận", RIT_INT, "int", "đơn", 1, NULL, 0, NULL},
    {2, "I02", "Số đơn thư đã giải quyết", RIT_INT, "int", "đơn", 0, NULL, 0, NULL},
    {3, "I03", "Tỷ lệ giải quyết", RIT_PERCENT, "percent", "%", 0, NULL, 0, NULL},
    {4, "I04", "Có mô hình Dân vận khéo", RIT_BOOL, "bool", NULL, 0, NULL, 0, NULL},
    {5, "I05", "Ngày tổ chức đối thoại", RIT_DATE, "date", NULL, 0, NULL, 0, NULL},
    {6, "I06", "Ghi chú", RIT_TEXT, "text", NULL, 0, NULL, 0, NULL},
    {7, "I07", "Số buổi tuyên truyền", RIT_INT, "int", "buổi", 0, orgs, 2, NULL},
    {8, "I08", "Kinh phí", RIT_DECIMAL, "decimal", "triệu đồng", 0, NULL, 0, NULL},
};
static const struct report_def_section secs[] = {{1, "Kết quả", ""}, {2, "Hạn chế, nguyên nhân", ""}};
static const struct report_def_rule rules[] = {
    {"I02", "<=", "I01", "Số đã giải quyết không được lớn hơn số tiếp nhận"},
};
static const struct report_def def = {
    7, "BC-QCDV-6T", "Báo cáo 6 tháng", "half", 1, 0, inds, 8, secs, 2, rules, 1, 0,
};

static const struct report_value vals[] = {
    {1, 0, 1, 40, NULL},
    {2, 0, 1, 35, NULL},
    {3, 0, 1, 87.5, NULL},
    {4, 0, 1, 1, NULL},
    {5, 0, 1, 20250314, NULL},
    {6, 0, 0, 0, "Đã đối thoại trực tiếp với Nhân dân"},
    {7, 101, 1, 12, NULL},
    {7, 102, 1, 9, NULL},
    {8, 0, 1, 1234.5, NULL},
};
static const struct report_section_body bodies[] = {{1, "Triển khai đầy đủ.\nĐạt kết quả tốt."}, {2, ""}};

static void write_form(dv_buf *b)
{
    struct xlsx_form_input in = {&def, 7, 3, 42, 2, "Báo cáo thử", vals, 9, bodies, 2};
    assert_int_equal(xlsx_form_write(&in, b), 0);
    assert_true(b->len > 1000);
}

static void check_values(const struct report_checked *c)
{
    assert_int_equal(c->nerrors, 0);
    assert_int_equal(c->nvalues, 9);
    for (size_t i = 0; i < 9; i++) {
        const struct report_value *v = NULL;
        for (size_t k = 0; k < c->nvalues; k++)
            if (c->values[k].indicator_id == vals[i].indicator_id && c->values[k].option_id == vals[i].option_id)
                v = &c->values[k];
        assert_non_null(v);
        assert_int_equal(v->has_num, vals[i].has_num);
        if (v->has_num) assert_true(v->num == vals[i].num);
        else assert_string_equal(v->text, vals[i].text);
    }
    assert_int_equal(c->nsections, 2);
    assert_string_equal(c->sections[0].body, bodies[0].body);
    assert_string_equal(c->sections[1].body, "");
}

static void test_round_trip(void **state)
{
    (void)state;
    dv_arena *a = arena_new();
    dv_buf b = {0};
    write_form(&b);

    struct xlsx_book book;
    const char *why = NULL;
    assert_int_equal(xlsx_read(a, b.data, b.len, &book, &why), 0);
    assert_non_null(xlsx_sheet_find(&book, "Chỉ tiêu"));
    assert_non_null(xlsx_sheet_find(&book, "Thuyết minh"));
    assert_non_null(xlsx_sheet_find(&book, "_meta"));

    struct xlsx_upload up;
    assert_int_equal(xlsx_form_read(a, &def, b.data, b.len, 7, 3, 42, &up, &why), 0);
    assert_int_equal(up.version, 2);
    assert_int_equal(up.nfields, 11); /* 9 values + 2 sections */
    const struct xlsx_field *f = xlsx_upload_field(&up, "v_I01");
    assert_string_equal(f->sheet, "Chỉ tiêu");
    assert_string_equal(f->cell, "D3");
    assert_string_equal(f->raw, "40");
    assert_string_equal(xlsx_upload_field(&up, "v_I05")->raw, "14/03/2025");
    assert_string_equal(xlsx_upload_field(&up, "v_I04")->raw, "Có");
    assert_string_equal(xlsx_upload_field(&up, "v_I08")->raw, "1234,5");
    assert_string_equal(xlsx_upload_field(&up, "v_I07_HLHPN")->cell, "D11"); /* heading row D9, options D10, D11 */
    assert_string_equal(xlsx_upload_field(&up, "s_1")->cell, "C2");

    struct report_checked c;
    report_validate(&def, a, xlsx_upload_get, &up, 1, &c);
    check_values(&c);
    buf_free(&b);
    arena_free(a);
}

/* Replace the first `from` by `to` inside one part of the zip (a hand edit in Excel). */
static void zip_edit(dv_buf *b, const char *part, const char *anchor, const char *from, const char *to)
{
    zip_error_t e;
    zip_error_init(&e);
    zip_source_t *src = zip_source_buffer_create(b->data, b->len, 0, &e);
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &e);
    assert_non_null(z);
    zip_stat_t st;
    assert_int_equal(zip_stat(z, part, 0, &st), 0);
    char *xml = calloc(1, st.size + 1);
    zip_file_t *f = zip_fopen(z, part, 0);
    zip_fread(f, xml, st.size);
    zip_fclose(f);
    zip_discard(z);
    char *at = strstr(anchor ? strstr(xml, anchor) : xml, from);
    assert_non_null(at);
    dv_buf nx = {0};
    buf_append(&nx, xml, (size_t)(at - xml));
    buf_puts(&nx, to);
    buf_puts(&nx, at + strlen(from));
    free(xml);

    /* rewrite the archive with the part replaced */
    zip_source_t *s2 = zip_source_buffer_create(NULL, 0, 0, &e);
    zip_source_keep(s2);
    zip_t *out = zip_open_from_source(s2, ZIP_TRUNCATE, &e);
    zip_source_t *in_src = zip_source_buffer_create(b->data, b->len, 0, &e);
    zip_t *in = zip_open_from_source(in_src, ZIP_RDONLY, &e);
    zip_int64_t n = zip_get_num_entries(in, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(in, (zip_uint64_t)i, 0);
        zip_source_t *s;
        if (strcmp(name, part) == 0) s = zip_source_buffer(out, nx.data, nx.len, 0);
        else s = zip_source_zip(out, in, (zip_uint64_t)i, 0, 0, -1);
        zip_file_add(out, name, s, ZIP_FL_ENC_UTF_8);
    }
    assert_int_equal(zip_close(out), 0);
    zip_discard(in);
    zip_source_open(s2);
    dv_buf nb = {0};
    char chunk[8192];
    zip_int64_t k;
    while ((k = zip_source_read(s2, chunk, sizeof chunk)) > 0) buf_append(&nb, chunk, (size_t)k);
    zip_source_close(s2);
    zip_source_free(s2);
    buf_free(&nx);
    buf_free(b);
    *b = nb;
}

static const char *error_at(dv_arena *a, const struct report_checked *c, const struct xlsx_upload *up, size_t i)
{
    const struct xlsx_field *f = xlsx_upload_field(up, c->errors[i].key);
    return arena_printf(a, "%s!%s: %s", f->sheet, f->cell, c->errors[i].message ? c->errors[i].message : c->errors[i].msgid);
}

static void test_edited_cells(void **state)
{
    (void)state;
    dv_arena *a = arena_new();
    dv_buf b = {0};
    write_form(&b);
    /* I02 (D4) 35 -> 50 breaks I02 <= I01; I01 stays 40; I03 (D5) -> 12.5 is fine */
    zip_edit(&b, "xl/worksheets/sheet1.xml", "<c r=\"D4\"", "<v>35</v>", "<v>50</v>");
    /* I07 option HND (D10) 12 -> 12.5: not a whole number */
    zip_edit(&b, "xl/worksheets/sheet1.xml", "<c r=\"D10\"", "<v>12</v>", "<v>12.5</v>");
    struct xlsx_upload up;
    const char *why;
    assert_int_equal(xlsx_form_read(a, &def, b.data, b.len, 7, 3, 42, &up, &why), 0);
    struct report_checked c;
    assert_int_equal(report_validate(&def, a, xlsx_upload_get, &up, 1, &c), 2);
    assert_string_equal(error_at(a, &c, &up, 0), "Chỉ tiêu!D4: Số đã giải quyết không được lớn hơn số tiếp nhận");
    assert_string_equal(error_at(a, &c, &up, 1), "Chỉ tiêu!D10: Enter a whole number, e.g. 1,234.");
    buf_free(&b);
    arena_free(a);
}

static void test_wrong_files(void **state)
{
    (void)state;
    dv_arena *a = arena_new();
    struct xlsx_upload up;
    const char *why = NULL;
    const char junk[] = "%PDF-1.4 not a workbook";
    assert_int_equal(xlsx_form_read(a, &def, junk, sizeof junk, 7, 3, 42, &up, &why), DV_EINVAL);
    assert_non_null(strstr(why, "not a zip"));

    /* a broken zip: the right magic, then garbage */
    dv_buf b = {0};
    write_form(&b);
    dv_buf broken = {0};
    buf_append(&broken, b.data, 200);
    assert_int_equal(xlsx_form_read(a, &def, broken.data, broken.len, 7, 3, 42, &up, &why), DV_EINVAL);
    assert_non_null(why);
    buf_free(&broken);

    /* another report's form */
    assert_int_equal(xlsx_form_read(a, &def, b.data, b.len, 7, 3, 43, &up, &why), DV_EINVAL);
    assert_non_null(strstr(why, "another report"));

    /* not our form: _meta's format changed by hand */
    zip_edit(&b, "xl/sharedStrings.xml", NULL, XLSX_FORM_FORMAT, "something-else");
    assert_int_equal(xlsx_form_read(a, &def, b.data, b.len, 7, 3, 42, &up, &why), DV_EINVAL);
    assert_non_null(strstr(why, "not a report form"));
    buf_free(&b);
    arena_free(a);
}

static void test_refs_and_dates(void **state)
{
    (void)state;
    int r, c;
    assert_int_equal(xlsx_ref_parse("D7", &r, &c), 0);
    assert_int_equal(r, 7);
    assert_int_equal(c, 4);
    assert_int_equal(xlsx_ref_parse("AA10", &r, &c), 0);
    assert_int_equal(c, 27);
    assert_int_equal(xlsx_ref_parse("7D", &r, &c), -1);
    dv_arena *a = arena_new();
    assert_string_equal(xlsx_ref(a, 7, 4), "D7");
    assert_string_equal(xlsx_ref(a, 10, 27), "AA10");
    char iso[11];
    assert_true(xlsx_iso_to_serial(2025, 3, 14) == 45730);
    assert_int_equal(xlsx_serial_to_iso(45730, iso), 0);
    assert_string_equal(iso, "2025-03-14");
    assert_int_equal(xlsx_serial_to_iso(1e9, iso), -1);
    arena_free(a);
}

/* DV_XLSX_DUMP=dir writes form.xlsx there; DV_XLSX_RESAVED=file reads a copy of it saved
 * by another program (LibreOffice: soffice --headless --convert-to xlsx) and expects the
 * same values back. Both are for a manual check and skipped otherwise. */
static void test_other_writers(void **state)
{
    (void)state;
    const char *dir = getenv("DV_XLSX_DUMP"), *resaved = getenv("DV_XLSX_RESAVED");
    dv_buf b = {0};
    if (dir) {
        write_form(&b);
        char path[512];
        snprintf(path, sizeof path, "%s/form.xlsx", dir);
        FILE *fp = fopen(path, "wb");
        assert_non_null(fp);
        fwrite(b.data, 1, b.len, fp);
        fclose(fp);
        buf_reset(&b);
    }
    if (resaved) {
        FILE *fp = fopen(resaved, "rb");
        assert_non_null(fp);
        char chunk[8192];
        size_t k;
        while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0) buf_append(&b, chunk, k);
        fclose(fp);
        dv_arena *a = arena_new();
        struct xlsx_upload up;
        const char *why = NULL;
        assert_int_equal(xlsx_form_read(a, &def, b.data, b.len, 7, 3, 42, &up, &why), 0);
        struct report_checked c;
        report_validate(&def, a, xlsx_upload_get, &up, 1, &c);
        check_values(&c);
        arena_free(a);
    }
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_edited_cells),
        cmocka_unit_test(test_wrong_files),
        cmocka_unit_test(test_refs_and_dates),
        cmocka_unit_test(test_other_writers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
