/* media.c - checking an uploaded image by its content: the magic bytes pick the only
 * decoder gdk-pixbuf may use (never a guess from the name or the sent type), the decode
 * must succeed, and the list copy is decoded straight at its final size. */
#include "portal/media.h"

#include "core/err.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <sodium.h>
#include <string.h>

const char *media_sniff(const void *data, size_t n)
{
    const unsigned char *p = data;
    if (!p) return NULL;
    if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF) return "image/jpeg";
    if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0) return "image/png";
    if (n >= 6 && (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0)) return "image/gif";
    if (n >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0) return "image/webp";
    return NULL;
}

struct sizes {
    int width, height;
    int too_big;
};

/* The loader tells us the size before decoding: refuse bombs, decode at list size. */
static void on_size(GdkPixbufLoader *l, int w, int h, gpointer data)
{
    struct sizes *s = data;
    s->width = w;
    s->height = h;
    if (w <= 0 || h <= 0 || (uint64_t)w * (uint64_t)h > MEDIA_MAX_PIXELS) {
        s->too_big = 1;
        gdk_pixbuf_loader_set_size(l, 1, 1);
        return;
    }
    if (w > MEDIA_THUMB_WIDTH) {
        int th = (int)((int64_t)h * MEDIA_THUMB_WIDTH / w);
        gdk_pixbuf_loader_set_size(l, MEDIA_THUMB_WIDTH, th > 0 ? th : 1);
    }
}

void media_image_free(struct media_image *m)
{
    if (m && m->thumb) g_free(m->thumb);
    if (m) m->thumb = NULL;
}

int media_prepare(const void *data, size_t n, struct media_image *out)
{
    memset(out, 0, sizeof *out);
    if (n > MEDIA_MAX_BYTES) return DV_ETOOBIG;
    const char *type = media_sniff(data, n);
    if (!type) return DV_EINVAL;
    GError *err = NULL;
    GdkPixbufLoader *l = gdk_pixbuf_loader_new_with_mime_type(type, &err);
    if (!l) {
        g_clear_error(&err);
        return DV_EINVAL; /* no decoder for it here (e.g. WebP without its loader) */
    }
    struct sizes s = {0, 0, 0};
    g_signal_connect(l, "size-prepared", G_CALLBACK(on_size), &s);
    gboolean ok = gdk_pixbuf_loader_write(l, data, n, &err);
    g_clear_error(&err);
    gboolean closed = gdk_pixbuf_loader_close(l, &err);
    g_clear_error(&err);
    GdkPixbuf *pix = (ok && closed && !s.too_big) ? gdk_pixbuf_loader_get_pixbuf(l) : NULL;
    int rc = s.too_big ? DV_ETOOBIG : DV_EINVAL;
    if (pix) {
        int alpha = gdk_pixbuf_get_has_alpha(pix);
        gchar *buf = NULL;
        gsize len = 0;
        gboolean saved = alpha ? gdk_pixbuf_save_to_buffer(pix, &buf, &len, "png", &err, NULL)
                               : gdk_pixbuf_save_to_buffer(pix, &buf, &len, "jpeg", &err, "quality", "82", NULL);
        g_clear_error(&err);
        if (saved) {
            out->thumb = (unsigned char *)buf;
            out->thumb_len = len;
            out->thumb_type = alpha ? "image/png" : "image/jpeg";
            out->type = type;
            out->width = s.width;
            out->height = s.height;
            unsigned char h[crypto_hash_sha256_BYTES];
            crypto_hash_sha256(h, data, n);
            sodium_bin2hex(out->sha256, sizeof out->sha256, h, sizeof h);
            rc = 0;
        } else {
            g_free(buf);
        }
    }
    g_object_unref(l);
    return rc;
}
