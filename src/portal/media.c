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

static uint32_t be32(const unsigned char *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }
static uint32_t be16(const unsigned char *p) { return (uint32_t)p[0] << 8 | p[1]; }
static uint32_t le16(const unsigned char *p) { return (uint32_t)p[1] << 8 | p[0]; }
static uint32_t le24(const unsigned char *p) { return (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0]; }

/* JPEG: the first start-of-frame marker's size (SOF0-SOF15 but DHT C4, JPG C8, DAC CC). */
static int jpeg_size(const unsigned char *p, size_t n, uint32_t *w, uint32_t *h)
{
    size_t i = 2;
    while (i + 4 <= n) {
        if (p[i] != 0xFF) return DV_EINVAL;
        unsigned m = p[i + 1];
        if (m == 0xFF) { /* fill byte */
            i++;
            continue;
        }
        if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) { /* no length */
            i += 2;
            continue;
        }
        size_t len = be16(p + i + 2);
        if (len < 2) return DV_EINVAL;
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            if (i + 9 > n) return DV_EINVAL;
            *h = be16(p + i + 5);
            *w = be16(p + i + 7);
            return 0;
        }
        if (m == 0xDA || m == 0xD9) return DV_EINVAL; /* image data before any frame header */
        i += 2 + len;
    }
    return DV_EINVAL;
}

/* WebP: the canvas of an extended file, or the lossy or lossless frame's size. */
static int webp_size(const unsigned char *p, size_t n, uint32_t *w, uint32_t *h)
{
    if (n < 30) return DV_EINVAL;
    if (!memcmp(p + 12, "VP8X", 4)) {
        *w = le24(p + 24) + 1;
        *h = le24(p + 27) + 1;
        return 0;
    }
    if (!memcmp(p + 12, "VP8 ", 4)) {
        if (p[23] != 0x9D || p[24] != 0x01 || p[25] != 0x2A) return DV_EINVAL;
        *w = le16(p + 26) & 0x3FFF;
        *h = le16(p + 28) & 0x3FFF;
        return 0;
    }
    if (!memcmp(p + 12, "VP8L", 4)) {
        if (p[20] != 0x2F) return DV_EINVAL;
        uint32_t b = (uint32_t)p[21] | (uint32_t)p[22] << 8 | (uint32_t)p[23] << 16 | (uint32_t)p[24] << 24;
        *w = (b & 0x3FFF) + 1;
        *h = ((b >> 14) & 0x3FFF) + 1;
        return 0;
    }
    return DV_EINVAL;
}

int media_declared_size(const void *data, size_t n, uint32_t *w, uint32_t *h)
{
    const unsigned char *p = data;
    const char *type = media_sniff(data, n);
    *w = *h = 0;
    if (!type) return DV_EINVAL;
    if (!strcmp(type, "image/png")) { /* the IHDR chunk comes first */
        if (n < 24 || memcmp(p + 12, "IHDR", 4)) return DV_EINVAL;
        *w = be32(p + 16);
        *h = be32(p + 20);
        return 0;
    }
    if (!strcmp(type, "image/gif")) { /* the logical screen; frames are checked by the loader */
        if (n < 10) return DV_EINVAL;
        *w = le16(p + 6);
        *h = le16(p + 8);
        return 0;
    }
    if (!strcmp(type, "image/jpeg")) return jpeg_size(p, n, w, h);
    return webp_size(p, n, w, h);
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
    /* the size the header declares, before any decoding: a small file declaring a huge
     * image would otherwise cost seconds of CPU before the loader's own check */
    uint32_t dw, dh;
    if (media_declared_size(data, n, &dw, &dh)) return DV_EINVAL;
    if (dw == 0 || dh == 0) return DV_EINVAL;
    if ((uint64_t)dw * dh > MEDIA_MAX_PIXELS) return DV_ETOOBIG;
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
