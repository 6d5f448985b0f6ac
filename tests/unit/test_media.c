/* test_media.c - uploads are checked by content: real PNG and JPEG images made with
 * gdk-pixbuf pass and get a list copy at most 480 px wide (PNG when the image has alpha,
 * JPEG otherwise); text renamed .jpg, a truncated image and oversized input are refused;
 * storing the same bytes twice gives the same media row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/err.h"
#include "portal/media.h"
#include "org_fixture.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

static unsigned char *make_image(int w, int h, int alpha, const char *type, size_t *len)
{
    GdkPixbuf *p = gdk_pixbuf_new(GDK_COLORSPACE_RGB, alpha, 8, w, h);
    gdk_pixbuf_fill(p, 0x3366aaff);
    gchar *buf = NULL;
    gsize n = 0;
    GError *err = NULL;
    gboolean ok = gdk_pixbuf_save_to_buffer(p, &buf, &n, type, &err, NULL);
    g_clear_error(&err);
    g_object_unref(p);
    assert_true(ok);
    *len = n;
    return (unsigned char *)buf;
}

static void sniff(void **state)
{
    (void)state;
    assert_string_equal(media_sniff("\xFF\xD8\xFF\xE0", 4), "image/jpeg");
    assert_string_equal(media_sniff("\x89PNG\r\n\x1a\n", 8), "image/png");
    assert_string_equal(media_sniff("GIF89a", 6), "image/gif");
    assert_string_equal(media_sniff("RIFF\0\0\0\0WEBPVP8 ", 16), "image/webp");
    assert_null(media_sniff("<svg xmlns=", 11));
    assert_null(media_sniff("\xFF\xD8", 2));
    assert_null(media_sniff(NULL, 0));
}

static void png_with_alpha(void **state)
{
    (void)state;
    size_t n;
    unsigned char *png = make_image(1000, 500, 1, "png", &n);
    struct media_image m;
    assert_int_equal(media_prepare(png, n, &m), 0);
    assert_string_equal(m.type, "image/png");
    assert_int_equal(m.width, 1000);
    assert_int_equal(m.height, 500);
    assert_string_equal(m.thumb_type, "image/png");
    assert_int_equal(strlen(m.sha256), 64);
    GdkPixbufLoader *l = gdk_pixbuf_loader_new();
    assert_true(gdk_pixbuf_loader_write(l, m.thumb, m.thumb_len, NULL));
    assert_true(gdk_pixbuf_loader_close(l, NULL));
    GdkPixbuf *t = gdk_pixbuf_loader_get_pixbuf(l);
    assert_int_equal(gdk_pixbuf_get_width(t), 480);
    assert_int_equal(gdk_pixbuf_get_height(t), 240);
    g_object_unref(l);
    media_image_free(&m);
    g_free(png);
}

static void jpeg_small(void **state)
{
    (void)state;
    size_t n;
    unsigned char *jpg = make_image(200, 100, 0, "jpeg", &n);
    struct media_image m;
    assert_int_equal(media_prepare(jpg, n, &m), 0);
    assert_string_equal(m.type, "image/jpeg");
    assert_string_equal(m.thumb_type, "image/jpeg");
    assert_int_equal(m.width, 200);
    assert_true(m.thumb_len > 0);
    assert_memory_equal(m.thumb, "\xFF\xD8\xFF", 3);
    media_image_free(&m);
    /* truncated: the magic bytes are right but it does not decode */
    assert_int_equal(media_prepare(jpg, 40, &m), DV_EINVAL);
    g_free(jpg);
}

static void refused(void **state)
{
    (void)state;
    struct media_image m;
    const char *txt = "This is a text file renamed photo.jpg\n";
    assert_int_equal(media_prepare(txt, strlen(txt), &m), DV_EINVAL);
    const char *fake = "\xFF\xD8\xFF garbage that only starts like a JPEG";
    assert_int_equal(media_prepare(fake, strlen(fake), &m), DV_EINVAL);
    unsigned char *big = calloc(1, MEDIA_MAX_BYTES + 1);
    memcpy(big, "\x89PNG\r\n\x1a\n", 8);
    assert_int_equal(media_prepare(big, MEDIA_MAX_BYTES + 1, &m), DV_ETOOBIG);
    free(big);
}

static void store_dedup(void **state)
{
    struct fx *f = *state;
    size_t n;
    unsigned char *png = make_image(64, 32, 1, "png", &n);
    int64_t a = 0, b = 0;
    assert_int_equal(media_save(f->db, NULL, png, n, &a), 0);
    assert_int_equal(media_save(f->db, NULL, png, n, &b), 0);
    assert_true(a > 0);
    assert_int_equal(a, b);
    struct media_blob blob;
    assert_int_equal(media_get(f->db, f->a, a, 0, &blob), 0);
    assert_string_equal(blob.type, "image/png");
    assert_int_equal(blob.len, n);
    assert_memory_equal(blob.data, png, n);
    assert_int_equal(media_get(f->db, f->a, a, 1, &blob), 0);
    assert_int_equal(blob.width, 64);
    assert_int_equal(media_get(f->db, f->a, 9999, 0, &blob), DV_ENOTFOUND);
    const char *txt = "not an image";
    assert_int_equal(media_save(f->db, NULL, txt, strlen(txt), &b), DV_EINVAL);
    g_free(png);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sniff),
        cmocka_unit_test(png_with_alpha),
        cmocka_unit_test(jpeg_small),
        cmocka_unit_test(refused),
        cmocka_unit_test_setup_teardown(store_dedup, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
