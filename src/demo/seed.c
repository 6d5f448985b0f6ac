/* seed.c - the portal's demo content: the seed article parsed from its crawled print view
 * (data/seed/article-290-review-conference.txt) into title, lead, caption, body and credit,
 * and ~30 short generated articles. Everything goes through the article store
 * (article_create + article_publish as the demo editor), so history and audit are right. */
#include "demo/seed.h"

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/log.h"
#include "portal/article.h"
#include "portal/media.h"
#include "demo/seed_photo.h"
#include "org/user_store.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SEED_FILE "article-290-review-conference.txt"
#define SEED_PUBLISHED "2020-05-28T02:00:00Z" /* 28/05/2020 09:00 in Vietnam (UTC+7) */
#define SEED_EDITOR "bientap"
#define SEED_CATEGORY "Hoạt động"
/* The crawl kept the caption but not the photo: a drawing of the conference stands in for it,
 * and its text alternative says so. */
#define SEED_BANNER                                                                              \
    "HỘI NGHỊ TỔNG KẾT 10 NĂM THỰC HIỆN QUYẾT ĐỊNH SỐ 290-QĐ/TW CỦA BỘ CHÍNH TRỊ VỀ QUY CHẾ "     \
    "CÔNG TÁC DÂN VẬN CỦA HỆ THỐNG CHÍNH TRỊ\nHội trường Tỉnh ủy Cà Mau, ngày 28 tháng 5 năm 2020"
#define SEED_ALT                                                                                 \
    "Hội trường Tỉnh ủy: băng rôn của hội nghị trên phông đỏ, bàn chủ tọa phủ khăn trắng và "   \
    "xanh với hoa, các hàng đại biểu ngồi nhìn lên sân khấu (hình vẽ minh họa của bản demo)"

/* ---------------------------------------------------------------- parsing */

/* A line with NBSPs made spaces, runs of spaces collapsed and both ends trimmed;
 * *indented says whether it began with white space. malloc'd. */
static char *normalize_line(const char *s, size_t n, int *indented)
{
    dv_buf b = DV_BUF_INIT;
    buf_reserve(&b, n + 1);
    *indented = n > 0 && (s[0] == ' ' || s[0] == '\t' || (n > 1 && (unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0));
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        int is_space = s[i] == ' ' || s[i] == '\t' || s[i] == '\r';
        if (!is_space && i + 1 < n && (unsigned char)s[i] == 0xc2 && (unsigned char)s[i + 1] == 0xa0) {
            is_space = 1;
            i++;
        }
        if (is_space) {
            space = 1;
            continue;
        }
        if (space && b.len) buf_putc(&b, ' ');
        space = 0;
        buf_putc(&b, s[i]);
    }
    char *r = buf_detach(&b);
    return r ? r : xstrdup("");
}

/* The page chrome of the print view: what is left after removing its labels is empty. */
static int is_chrome(const char *line)
{
    static const char *const labels[] = {"Bản in", "Gởi bài viết", "Gửi bài viết", "[Trở về]", "Trở về"};
    char *t = xstrdup(line);
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++) {
        char *p;
        size_t l = strlen(labels[i]);
        while ((p = strstr(t, labels[i])) != NULL) memmove(p, p + l, strlen(p + l) + 1);
    }
    int empty = 1;
    for (const char *p = t; *p; p++)
        if (*p != ' ') empty = 0;
    free(t);
    return empty;
}

/* "( Văn Minh- MT tỉnh)" → name and unit (unit NULL without a '-'). 1 if it is a credit. */
static int parse_credit(const char *line, char **name, char **unit)
{
    size_t n = strlen(line);
    if (n < 3 || line[0] != '(' || line[n - 1] != ')') return 0;
    char *in = xstrndup(line + 1, n - 2);
    char *dash = strchr(in, '-');
    if (dash) *dash = '\0';
    int ind;
    *name = normalize_line(in, strlen(in), &ind);
    *unit = dash ? normalize_line(dash + 1, strlen(dash + 1), &ind) : NULL;
    free(in);
    if (!**name) {
        free(*name);
        free(*unit);
        *name = *unit = NULL;
        return 0;
    }
    if (*unit && !**unit) {
        free(*unit);
        *unit = NULL;
    }
    return 1;
}

/* A paragraph as Markdown text: characters Markdown would read as syntax are escaped. */
static void md_paragraph(dv_buf *out, const char *s)
{
    /* a line start that would make a heading, list, quote or numbered list */
    const char *p = s;
    while (*p >= '0' && *p <= '9') p++;
    if (p > s && (*p == '.' || *p == ')')) {
        buf_append(out, s, (size_t)(p - s));
        buf_putc(out, '\\');
        s = p;
    } else if (*s == '#' || *s == '-' || *s == '+' || *s == '>' || *s == '=') {
        buf_putc(out, '\\');
    }
    for (; *s; s++) {
        if (strchr("\\`*_[]<>|~", *s)) buf_putc(out, '\\');
        buf_putc(out, *s);
    }
}

static char *clean(char *s, int multiline)
{
    if (!s) return NULL;
    char *c = NULL;
    int rc = text_clean(s, strlen(s), multiline, &c);
    free(s);
    return rc ? NULL : c;
}

void portal_seed_free(struct seed_article *s)
{
    free(s->title);
    free(s->lead);
    free(s->caption);
    free(s->body_md);
    free(s->author_name);
    free(s->author_unit);
    memset(s, 0, sizeof *s);
}

int portal_seed_parse(const char *text, size_t n, struct seed_article *out)
{
    memset(out, 0, sizeof *out);
    if (!text_valid_utf8(text, n) || memchr(text, '\0', n)) return DV_EINVAL;
    dv_buf body = DV_BUF_INIT;
    const char *p = text, *end = text + n;
    /* a UTF-8 byte order mark */
    if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) p += 3;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = (size_t)((nl ? nl : end) - p);
        int indented;
        char *line = normalize_line(p, len, &indented);
        p = nl ? nl + 1 : end;
        if (!*line || is_chrome(line)) {
            free(line);
            continue;
        }
        char *name, *unit;
        if (!out->title) {
            out->title = line;
        } else if (!out->author_name && parse_credit(line, &name, &unit)) {
            out->author_name = name;
            out->author_unit = unit;
            free(line);
        } else if (!out->lead) {
            out->lead = line;
        } else if (!out->caption && !indented) {
            out->caption = line;
        } else {
            if (body.len) buf_puts(&body, "\n\n");
            md_paragraph(&body, line);
            free(line);
        }
    }
    out->body_md = body.len ? buf_detach(&body) : NULL;
    buf_free(&body);
    out->title = clean(out->title, 0);
    out->lead = clean(out->lead, 0);
    out->caption = clean(out->caption, 0);
    out->body_md = clean(out->body_md, 1);
    out->author_name = clean(out->author_name, 0);
    out->author_unit = clean(out->author_unit, 0);
    if (!out->title || !out->lead || !out->body_md) {
        portal_seed_free(out);
        return DV_EINVAL;
    }
    return DV_OK;
}

/* ---------------------------------------------------------------- loading */

/* A drawn photo saved as media by actor: *id, or 0 with the error. */
static int drawn_photo(dv_db *db, const struct dv_user *actor, enum seed_scene scene, const char *banner,
                       int64_t *id)
{
    unsigned char *jpg = NULL;
    size_t n = 0;
    *id = 0;
    int rc = seed_photo_jpeg(scene, banner, &jpg, &n);
    if (!rc) rc = media_save(db, actor, jpg, n, id);
    free(jpg);
    return rc;
}

static int64_t category_named(dv_db *db, dv_arena *a, const char *name, size_t index)
{
    struct term *cats = NULL;
    size_t n = 0;
    if (category_list(db, a, &cats, &n) || n == 0) return 0;
    if (name) {
        for (size_t i = 0; i < n; i++)
            if (strcmp(cats[i].name, name) == 0) return cats[i].id;
        return cats[0].id;
    }
    return cats[index % n].id;
}

/* Create one article as actor and publish it with its publication date publish_at (in the
 * past: the store keeps that date, and the real time of the action in history and audit). */
static int create_published(dv_db *db, const struct dv_user *actor, const struct article_input *in,
                            const char *publish_at, int64_t *id_out)
{
    int64_t id;
    int rc = article_create(db, actor, in, &id);
    if (rc) return rc;
    struct article a;
    dv_arena *ar = arena_new();
    rc = article_get(db, ar, id, &a);
    int64_t version = rc ? 1 : a.version;
    if (!rc) rc = article_publish(db, actor, id, version, publish_at);
    if (rc == DV_ECONFLICT) { /* the workflow wants a review first */
        rc = article_submit(db, actor, id, version);
        if (!rc) rc = article_get(db, ar, id, &a);
        if (!rc) rc = article_publish(db, actor, id, a.version, publish_at);
    }
    arena_free(ar);
    if (!rc && id_out) *id_out = id;
    return rc;
}

static int load_editor(dv_db *db, dv_arena *a, struct user_record *rec)
{
    int rc = user_get_by_name(db, a, SEED_EDITOR, rec);
    return rc ? rc : DV_OK;
}

int portal_seed_load(dv_db *db, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return DV_EIO;
    dv_buf text = DV_BUF_INIT;
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(&text, chunk, got);
    int io_err = ferror(f);
    fclose(f);
    if (io_err) {
        buf_free(&text);
        return DV_EIO;
    }
    struct seed_article s;
    int rc = portal_seed_parse(buf_cstr(&text), text.len, &s);
    buf_free(&text);
    if (rc) return rc;

    dv_arena *a = arena_new();
    struct user_record editor;
    rc = load_editor(db, a, &editor);
    int64_t media_id = 0;
    if (!rc && s.caption) {
        rc = drawn_photo(db, &editor.u, SEED_SCENE_HALL, SEED_BANNER, &media_id);
    }
    if (!rc) {
        struct article_author author = {s.author_name, s.author_unit};
        struct article_photo photo = {
            .media_id = media_id, .caption = s.caption,
            .alt = SEED_ALT, .width = SEED_PHOTO_W, .height = SEED_PHOTO_H,
        };
        int64_t cat = category_named(db, a, SEED_CATEGORY, 0);
        const char *tags[] = {"Quy chế dân vận", "290-QĐ/TW"};
        struct article_input in = {
            .title = s.title, .lead = s.lead, .body_md = s.body_md, .featured = 1,
            .unit_id = editor.u.unit_id,
            .authors = s.author_name ? &author : NULL, .nauthors = s.author_name ? 1 : 0,
            .category_ids = cat ? &cat : NULL, .ncategories = cat ? 1 : 0,
            .tag_names = tags, .ntags = 2,
            .photos = media_id ? &photo : NULL, .nphotos = media_id ? 1 : 0,
        };
        rc = create_published(db, &editor.u, &in, SEED_PUBLISHED, NULL);
    }
    arena_free(a);
    portal_seed_free(&s);
    return rc;
}

/* ---------------------------------------------------------------- generated articles */

struct demo_article {
    const char *title;
    const char *lead;
    const char *author, *unit;
    const char *tag1, *tag2;
};

static const struct demo_article demo_articles[] = {
    {"Mô hình “Dân vận khéo” giúp hộ nghèo ở Phường Bạc Liêu thoát nghèo bền vững",
     "Từ việc vận động các hộ khá giả hỗ trợ cây giống, con giống, nhiều hộ nghèo trên địa bàn phường đã có sinh kế ổn định.",
     "Thanh Tâm", "Ban Dân vận", "Dân vận khéo", "Giảm nghèo"},
    {"Đối thoại giữa người đứng đầu cấp ủy với nhân dân về chỉnh trang đô thị",
     "Hơn 200 người dân đã trực tiếp nêu ý kiến về tiến độ chỉnh trang các tuyến đường nội ô.",
     "Minh Khoa", "Văn phòng Tỉnh ủy", "Đối thoại với nhân dân", "Đô thị"},
    {"Hội Nông dân tỉnh tổng kết phong trào nông dân thi đua sản xuất, kinh doanh giỏi",
     "Năm qua, toàn tỉnh có hơn 45.000 hộ đạt danh hiệu sản xuất, kinh doanh giỏi các cấp.",
     "Hồng Nhung", "Hội Nông dân tỉnh", "Nông dân", "Thi đua"},
    {"Phụ nữ Cà Mau chung tay xây dựng gia đình “5 không, 3 sạch”",
     "Cuộc vận động đã lan tỏa đến từng chi hội, góp phần xây dựng nông thôn mới.",
     "Ngọc Hân", "Hội LHPN tỉnh", "Phụ nữ", "Nông thôn mới"},
    {"Đoàn viên thanh niên ra quân hỗ trợ người dân thu hoạch lúa",
     "Hơn 300 đoàn viên đã giúp các hộ neo đơn thu hoạch kịp thời vụ.",
     "Quốc Bảo", "Tỉnh đoàn", "Thanh niên", "Dân vận khéo"},
    {"Cựu chiến binh gương mẫu hiến đất làm đường giao thông nông thôn",
     "Nhiều hội viên Cựu chiến binh đã tự nguyện hiến hàng nghìn mét vuông đất để mở rộng đường.",
     "Văn Hùng", "Hội CCB tỉnh", "Cựu chiến binh", "Nông thôn mới"},
    {"Nâng cao chất lượng công tác dân vận chính quyền năm 2025",
     "Ủy ban nhân dân tỉnh chỉ đạo các sở, ngành tiếp tục đổi mới phong cách, lề lối làm việc.",
     "Thu Hà", "Ban Dân vận", "Dân vận chính quyền", "Cải cách hành chính"},
    {"Thực hiện tốt quy chế dân chủ ở cơ sở: kinh nghiệm từ Phường Vĩnh Trạch",
     "Mọi chủ trương lớn của phường đều được công khai để nhân dân bàn và quyết định.",
     "Phạm Tâm", "Đảng ủy phường", "Dân chủ ở cơ sở", "Dân vận khéo"},
    {"Tiếp xúc cử tri trước kỳ họp Hội đồng nhân dân tỉnh",
     "Cử tri kiến nghị về giá vật tư nông nghiệp, sạt lở bờ biển và nước sạch nông thôn.",
     "Minh Thư", "HĐND tỉnh", "Tiếp xúc cử tri", "Đối thoại với nhân dân"},
    {"Liên đoàn Lao động tỉnh thăm hỏi công nhân có hoàn cảnh khó khăn",
     "Hơn 500 suất quà đã được trao đến công nhân lao động tại các khu công nghiệp.",
     "Hoài Phong", "LĐLĐ tỉnh", "Công nhân", "An sinh xã hội"},
    {"Ban Dân vận Tỉnh ủy sơ kết 6 tháng đầu năm",
     "Công tác nắm tình hình nhân dân được thực hiện thường xuyên, kịp thời tham mưu cấp ủy.",
     "Thu Hà", "Ban Dân vận", "Sơ kết", "Quy chế dân vận"},
    {"Mô hình “Tổ tự quản an ninh trật tự” phát huy hiệu quả",
     "Các tổ tự quản đã kịp thời hòa giải nhiều mâu thuẫn ngay tại khóm, ấp.",
     "Trung Kiên", "Công an tỉnh", "An ninh trật tự", "Dân vận khéo"},
    {"Vận động nhân dân chuyển đổi cơ cấu cây trồng thích ứng biến đổi khí hậu",
     "Mô hình lúa – tôm tiếp tục mang lại thu nhập ổn định cho nông dân vùng ngọt hóa.",
     "Hồng Nhung", "Sở NN&MT", "Biến đổi khí hậu", "Nông dân"},
    {"Mặt trận Tổ quốc tỉnh trao nhà Đại đoàn kết cho hộ khó khăn về nhà ở",
     "Từ Quỹ “Vì người nghèo”, 120 căn nhà Đại đoàn kết đã được bàn giao trong quý.",
     "Văn Minh", "MT tỉnh", "Đại đoàn kết", "Giảm nghèo"},
    {"Đối thoại với thanh niên về khởi nghiệp và việc làm",
     "Lãnh đạo tỉnh giải đáp trực tiếp nhiều băn khoăn của thanh niên về vốn vay khởi nghiệp.",
     "Quốc Bảo", "Tỉnh đoàn", "Đối thoại với nhân dân", "Thanh niên"},
    {"Dân vận khéo trong giải phóng mặt bằng dự án đường ven biển",
     "Nhờ kiên trì vận động, 98% hộ dân đã đồng thuận bàn giao mặt bằng đúng hạn.",
     "Minh Khoa", "Ban Dân vận", "Dân vận khéo", "Giải phóng mặt bằng"},
    {"Phát huy vai trò người có uy tín trong đồng bào dân tộc Khmer",
     "Người có uy tín là cầu nối giữa cấp ủy, chính quyền với đồng bào trong các phum, sóc.",
     "Sơn Thị Mai", "Ban Dân tộc", "Dân tộc", "Đại đoàn kết"},
    {"Công tác dân vận trong lực lượng vũ trang tỉnh",
     "Các đơn vị quân đội giúp dân xây dựng cầu giao thông nông thôn và khám bệnh miễn phí.",
     "Đức Thịnh", "Bộ CHQS tỉnh", "Lực lượng vũ trang", "Dân vận khéo"},
    {"Tập huấn nghiệp vụ công tác dân vận cho cán bộ cơ sở",
     "Hơn 150 cán bộ làm công tác dân vận cấp xã được bồi dưỡng kỹ năng nắm tình hình nhân dân.",
     "Thu Hà", "Ban Dân vận", "Tập huấn", "Quy chế dân vận"},
    {"Hội nghị giao ban công tác dân vận quý III",
     "Các đơn vị báo cáo kết quả thực hiện phong trào thi đua “Dân vận khéo” và nhiệm vụ quý tới.",
     "Văn Minh", "MT tỉnh", "Giao ban", "Dân vận khéo"},
    {"Người dân hiến kế xây dựng nông thôn mới kiểu mẫu",
     "Diễn đàn lắng nghe ý kiến nhân dân đã thu nhận gần 300 ý kiến đóng góp.",
     "Ngọc Hân", "Hội LHPN tỉnh", "Nông thôn mới", "Đối thoại với nhân dân"},
    {"Cải cách hành chính: giảm thời gian giải quyết hồ sơ đất đai",
     "Thời gian giải quyết thủ tục cấp giấy chứng nhận quyền sử dụng đất giảm còn 10 ngày.",
     "Hoài Phong", "Sở NN&MT", "Cải cách hành chính", "Dân vận chính quyền"},
    {"Vận động đồng bào theo đạo sống “tốt đời, đẹp đạo”",
     "Các chức sắc, chức việc tôn giáo tích cực vận động tín đồ tham gia an sinh xã hội.",
     "Minh Thư", "Ban Dân vận", "Tôn giáo", "Đại đoàn kết"},
    {"Chi hội phụ nữ tiết kiệm giúp nhau phát triển kinh tế",
     "Mô hình tổ tiết kiệm xoay vòng đã giúp hàng trăm hội viên có vốn làm ăn.",
     "Ngọc Hân", "Hội LHPN tỉnh", "Phụ nữ", "Giảm nghèo"},
    {"Trao giải Cuộc thi tìm hiểu Quy chế công tác dân vận",
     "Cuộc thi thu hút hơn 12.000 bài dự thi của cán bộ, đảng viên và nhân dân.",
     "Thanh Tâm", "Ban Dân vận", "Quy chế dân vận", "Cuộc thi"},
    {"Ngư dân yên tâm bám biển nhờ tổ đoàn kết trên biển",
     "Các tổ đoàn kết giúp nhau khi gặp sự cố, đồng thời tham gia bảo vệ chủ quyền biển đảo.",
     "Đức Thịnh", "Bộ đội Biên phòng tỉnh", "Ngư dân", "Dân vận khéo"},
    {"Lấy ý kiến nhân dân về dự thảo quy hoạch khu dân cư mới",
     "Người dân được xem bản vẽ quy hoạch và góp ý trực tiếp tại nhà văn hóa khóm.",
     "Minh Khoa", "UBND phường", "Dân chủ ở cơ sở", "Đô thị"},
    {"Tuyên dương 50 điển hình “Dân vận khéo” tiêu biểu",
     "Các điển hình được tuyên dương là những tấm gương bình dị nhưng có sức lan tỏa lớn.",
     "Văn Minh", "MT tỉnh", "Dân vận khéo", "Thi đua"},
    {"Giám sát việc giải quyết kiến nghị của cử tri sau tiếp xúc",
     "Ủy ban Mặt trận Tổ quốc tỉnh giám sát việc trả lời 86 kiến nghị của cử tri.",
     "Minh Thư", "MT tỉnh", "Tiếp xúc cử tri", "Giám sát"},
    {"Ra mắt Trang thông tin điện tử công tác dân vận tỉnh",
     "Trang thông tin là kênh để nhân dân theo dõi hoạt động và gửi ý kiến đến cấp ủy.",
     "Võ Hoàng Nam", "Văn phòng Tỉnh ủy", "Chuyển đổi số", "Quy chế dân vận"},
};
#define NDEMO (sizeof demo_articles / sizeof *demo_articles)

static const char *const demo_paragraphs[] = {
    "Theo báo cáo, thời gian qua cấp ủy, chính quyền đã phối hợp chặt chẽ với Mặt trận và các "
    "đoàn thể, thực hiện tốt phương châm “dân biết, dân bàn, dân làm, dân kiểm tra, dân giám "
    "sát, dân thụ hưởng”.",
    "Nhiều cách làm hay, sáng tạo đã được nhân rộng; cán bộ, đảng viên gương mẫu đi đầu, gần "
    "dân, hiểu dân, giúp dân, nhờ đó tạo được sự đồng thuận trong nhân dân.",
    "Thời gian tới, các đơn vị tiếp tục đổi mới nội dung, phương thức vận động, tăng cường đối "
    "thoại, kịp thời giải quyết những kiến nghị chính đáng của người dân ngay từ cơ sở.",
    "Dịp này, nhiều tập thể và cá nhân có thành tích tiêu biểu đã được biểu dương, khen thưởng.",
};

/* Photos of some demo articles (by index in demo_articles), so the home page's lead story
 * and cards have pictures. */
static const struct demo_photo {
    size_t index;
    enum seed_scene scene;
    const char *banner, *caption, *alt;
} demo_photos[] = {
    {0, SEED_SCENE_FIELD, "Bạc Liêu", "Người dân phường Bạc Liêu thu hoạch lúa trên cánh đồng của hộ vừa thoát nghèo",
     "Cánh đồng lúa chín vàng, hàng dừa phía xa, những người đội nón lá đang gặt (hình vẽ minh họa của bản demo)"},
    {1, SEED_SCENE_HALL, "HỘI NGHỊ ĐỐI THOẠI GIỮA NGƯỜI ĐỨNG ĐẦU CẤP ỦY VỚI NHÂN DÂN NĂM 2025\nCà Mau, tháng 6 năm 2025",
     "Quang cảnh buổi đối thoại về chỉnh trang đô thị",
     "Hội trường với băng rôn hội nghị đối thoại, bàn chủ tọa và người dân ngồi kín các hàng ghế (hình vẽ minh họa của bản demo)"},
    {2, SEED_SCENE_HALL, "HỘI NGHỊ TỔNG KẾT PHONG TRÀO NÔNG DÂN THI ĐUA SẢN XUẤT, KINH DOANH GIỎI\nCà Mau, tháng 6 năm 2025",
     "Hội nghị tổng kết phong trào nông dân sản xuất, kinh doanh giỏi",
     "Hội trường với băng rôn hội nghị của Hội Nông dân, bàn chủ tọa và các hàng hội viên (hình vẽ minh họa của bản demo)"},
    {4, SEED_SCENE_FIELD, "thanh niên", "Đoàn viên thanh niên giúp các hộ neo đơn gặt lúa",
     "Những người mặc áo xanh, đội nón lá gặt lúa trên cánh đồng chín vàng (hình vẽ minh họa của bản demo)"},
    {10, SEED_SCENE_HALL, "HỘI NGHỊ SƠ KẾT CÔNG TÁC DÂN VẬN 6 THÁNG ĐẦU NĂM 2025\nCà Mau, tháng 6 năm 2025",
     "Hội nghị sơ kết công tác dân vận 6 tháng đầu năm",
     "Hội trường với băng rôn hội nghị sơ kết, bàn chủ tọa và các hàng đại biểu (hình vẽ minh họa của bản demo)"},
};

static const struct demo_photo *demo_photo_of(size_t index)
{
    for (size_t i = 0; i < sizeof demo_photos / sizeof *demo_photos; i++)
        if (demo_photos[i].index == index) return &demo_photos[i];
    return NULL;
}

static int load_demo_articles(dv_db *db, const struct dv_user *editor)
{
    dv_arena *a = arena_new();
    int rc = DV_OK;
    for (size_t i = 0; i < NDEMO && !rc; i++) {
        const struct demo_article *d = &demo_articles[i];
        dv_buf body = DV_BUF_INIT;
        buf_printf(&body, "%s\n\n%s", demo_paragraphs[i % 4], demo_paragraphs[(i + 1) % 4]);
        if (i % 3 == 0) buf_printf(&body, "\n\n%s", demo_paragraphs[(i + 2) % 4]);
        struct article_author author = {d->author, d->unit};
        int64_t cat = category_named(db, a, NULL, i);
        const char *tags[] = {d->tag1, d->tag2};
        const struct demo_photo *dp = demo_photo_of(i);
        struct article_photo photo = {0};
        if (dp && (rc = drawn_photo(db, editor, dp->scene, dp->banner, &photo.media_id)) != 0) {
            buf_free(&body);
            break;
        }
        if (dp) {
            photo.caption = dp->caption;
            photo.alt = dp->alt;
            photo.width = SEED_PHOTO_W;
            photo.height = SEED_PHOTO_H;
        }
        struct article_input in = {
            .photos = dp ? &photo : NULL, .nphotos = dp ? 1 : 0,
            .title = d->title, .lead = d->lead, .body_md = buf_cstr(&body), .featured = i < 3,
            .unit_id = editor->unit_id, .authors = &author, .nauthors = 1,
            .category_ids = cat ? &cat : NULL, .ncategories = cat ? 1 : 0,
            .tag_names = tags, .ntags = 2,
        };
        /* newest first: from 30/06/2025 back, every 4 days, at 07:00–10:00 Vietnam time */
        int days_back = (int)i * 4;
        struct tm tm = {.tm_year = 2025 - 1900, .tm_mon = 5, .tm_mday = 30 - days_back,
                        .tm_hour = (int)(i % 4), .tm_min = 15 * (int)(i % 4)};
        time_t t = timegm(&tm);
        gmtime_r(&t, &tm);
        char when[32];
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
        rc = create_published(db, editor, &in, when, NULL);
        buf_free(&body);
        if (rc) log_error("demo: article \"%s\": %s", d->title, dv_strerror(rc));
    }
    arena_free(a);
    return rc;
}

int portal_seed_demo(dv_db *db, const char *tsv_path, char *err, size_t errlen)
{
    char path[1024];
    const char *slash = strrchr(tsv_path, '/');
    int dirlen = slash ? (int)(slash - tsv_path) : 1;
    snprintf(path, sizeof path, "%.*s/seed/%s", dirlen, slash ? tsv_path : ".", SEED_FILE);
    int rc = portal_seed_load(db, path);
    if (rc) {
        snprintf(err, errlen, "cannot import the seed article %s: %s", path, dv_strerror(rc));
        return rc;
    }
    dv_arena *a = arena_new();
    struct user_record editor;
    rc = load_editor(db, a, &editor);
    if (!rc) rc = load_demo_articles(db, &editor.u);
    arena_free(a);
    if (rc) snprintf(err, errlen, "cannot create the demo articles: %s", dv_strerror(rc));
    return rc;
}
