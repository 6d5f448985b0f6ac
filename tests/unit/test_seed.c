/* test_seed.c - the seed article's crawled print view parsed into its fields: title as
 * written, lead, caption, Markdown body without the page chrome, and the credit split into
 * author and unit; plus odd inputs (CRLF, no credit, Markdown-looking text, bad UTF-8). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "demo/seed.h"

static char *read_seed(size_t *n)
{
    FILE *f = fopen(DANVAN_DATADIR_SOURCE "/seed/article-290-review-conference.txt", "rb");
    assert_non_null(f);
    dv_buf b = DV_BUF_INIT;
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(&b, chunk, got);
    fclose(f);
    *n = b.len;
    return buf_detach(&b);
}

static void test_seed_fields(void **state)
{
    (void)state;
    size_t n;
    char *text = read_seed(&n);
    struct seed_article s;
    assert_int_equal(portal_seed_parse(text, n, &s), DV_OK);
    free(text);

    assert_string_equal(s.title,
        "BAN THƯỜNG VỤ TỈNH ỦY TỔ CHỨC HỘI NGHỊ TỔNG KẾT 10 NĂM THỰC HIỆN QUYẾT ĐỊNH SỐ "
        "290-QĐ/TW NGÀY 25/02/2010 CỦA BỘ CHÍNH TRỊ (KHÓA X) VỀ VIỆC BAN HÀNH QUY CHẾ CÔNG "
        "TÁC DÂN VẬN CỦA HỆ THÓNG CHÍNH TRỊ.");
    assert_true(strncmp(s.lead, "Thực hiện chương trình công tác của Ban Thường vụ Tỉnh ủy, sáng ngày 28 tháng 5 năm 2020", 80) == 0);
    assert_non_null(strstr(s.lead, "Quyết định số 1406-QĐ/TU ngày 14/7/2010"));
    /* NBSPs and runs of spaces are single spaces; nothing is left dangling */
    assert_null(strstr(s.lead, "\xc2\xa0"));
    assert_null(strstr(s.lead, "  "));
    assert_int_not_equal(s.lead[strlen(s.lead) - 1], ' ');

    assert_string_equal(s.caption, "Toàn cảnh Hội nghị Tổng kết 10 năm thực hiện Quyết định số 290-QĐ/TW "
                                   "của Bộ Chính trị về Quy chế công tác Dân vận");
    assert_string_equal(s.author_name, "Văn Minh");
    assert_string_equal(s.author_unit, "MT tỉnh");

    /* the body: three paragraphs, in order, Markdown-separated, no chrome, caption, credit */
    assert_true(strncmp(s.body_md, "Đến dự Hội nghị có đồng chí Trần Thắng", strlen("Đến dự Hội nghị có đồng chí Trần Thắng")) == 0);
    const char *p2 = strstr(s.body_md, "\n\nSau 10 năm thực hiện Quyết định số 290-QĐ/TW");
    const char *p3 = strstr(s.body_md, "\n\nTại hội nghị đã có 6 tham luận");
    assert_non_null(p2);
    assert_non_null(p3);
    assert_true(p2 < p3);
    assert_non_null(strstr(s.body_md, "trong thời gian tới./."));
    assert_null(strstr(s.body_md, "\n\n\n"));
    assert_null(strstr(s.body_md, "Bản in"));
    assert_null(strstr(s.body_md, "Gởi bài viết"));
    assert_null(strstr(s.body_md, "Trở về"));
    assert_null(strstr(s.body_md, "Toàn cảnh"));
    assert_null(strstr(s.body_md, "Văn Minh"));
    assert_null(strstr(s.body_md, "\xc2\xa0"));
    portal_seed_free(&s);
}

static void test_seed_variants(void **state)
{
    (void)state;
    struct seed_article s;
    /* CRLF, no credit, no caption, Markdown syntax in the text stays text */
    const char *t = "Bản in Gởi bài viết\r\nTIÊU ĐỀ\r\n\r\n  Đoạn mở đầu.\r\n\r\n  # không phải tiêu đề *và* <b>không</b> HTML\r\n\r\n  1. không phải danh sách\r\n[Trở về]\r\n";
    assert_int_equal(portal_seed_parse(t, strlen(t), &s), DV_OK);
    assert_string_equal(s.title, "TIÊU ĐỀ");
    assert_string_equal(s.lead, "Đoạn mở đầu.");
    assert_null(s.caption);
    assert_null(s.author_name);
    assert_string_equal(s.body_md, "\\# không phải tiêu đề \\*và\\* \\<b\\>không\\</b\\> HTML\n\n1\\. không phải danh sách");
    portal_seed_free(&s);

    /* a credit without a unit */
    t = "TIÊU ĐỀ\n  Mở đầu.\n  Thân bài.\n(Thanh Tâm)\n";
    assert_int_equal(portal_seed_parse(t, strlen(t), &s), DV_OK);
    assert_string_equal(s.author_name, "Thanh Tâm");
    assert_null(s.author_unit);
    assert_string_equal(s.body_md, "Thân bài.");
    portal_seed_free(&s);

    /* broken UTF-8 and a text with no body are refused */
    t = "TI\xc3\x28U\n  a\n  b\n";
    assert_int_equal(portal_seed_parse(t, strlen(t), &s), DV_EINVAL);
    t = "Bản in\nTIÊU ĐỀ\n  Mở đầu.\n";
    assert_int_equal(portal_seed_parse(t, strlen(t), &s), DV_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_fields),
        cmocka_unit_test(test_seed_variants),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
