/* reader.c — bytes to a checked article. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nieuwsgraaf/reader.h"

G_DEFINE_QUARK (ng-reader-error-quark, ng_reader_error)

struct NgArticle
{
  char *name;
  char *text;
  gsize length;
  gsize text_offset;
  NgDate date;
  char *title;
  char *hash;
};

void
ng_article_free (NgArticle *a)
{
  if (a == NULL)
    return;
  g_free (a->name);
  g_free (a->text);
  g_free (a->title);
  g_free (a->hash);
  g_free (a);
}

const char *ng_article_get_name (const NgArticle *a) { return a->name; }
const char *ng_article_get_text (const NgArticle *a) { return a->text; }
gsize ng_article_get_length (const NgArticle *a) { return a->length; }
gsize ng_article_get_text_offset (const NgArticle *a) { return a->text_offset; }
const NgDate *ng_article_get_date (const NgArticle *a) { return &a->date; }
const char *ng_article_get_title (const NgArticle *a) { return a->title; }
const char *ng_article_get_hash (const NgArticle *a) { return a->hash; }

/* Well-known binary signatures, so that a stray PDF or image gets a message
 * that says what it is rather than "invalid UTF-8 at byte 10". */
static const struct { const char *magic; gsize len; const char *what; } signatures[] = {
  { "%PDF-", 5, "a PDF document" },
  { "\x89PNG\r\n\x1a\n", 8, "a PNG image" },
  { "\x1f\x8b", 2, "gzip-compressed data" },
  { "PK\x03\x04", 4, "a ZIP archive (or office document)" },
  { "\xff\xd8\xff", 3, "a JPEG image" },
  { "GIF8", 4, "a GIF image" },
  { "\x7f" "ELF", 4, "an executable" },
  { "BZh", 3, "bzip2-compressed data" },
  { "\xfd" "7zXZ", 5, "xz-compressed data" },
};

/* Checks DATA[START..LEN) (START skips a byte order mark); offsets, lines
 * and columns in messages count from the start of the file. */
static gboolean
check_bytes (const char *name, const char *file, gsize start, gsize len,
             GError **error)
{
  const char *data = file + start;
  const char *nul;

  len -= start;   /* from here on, LEN counts the bytes at DATA */

  for (gsize i = 0; i < G_N_ELEMENTS (signatures); i++)
    if (len >= signatures[i].len
        && memcmp (data, signatures[i].magic, signatures[i].len) == 0)
      {
        g_set_error (error, NG_READER_ERROR, NG_READER_ERROR_BINARY,
                     "%s: not a text article: looks like %s", name,
                     signatures[i].what);
        return FALSE;
      }
  if (len >= 2 && (((guchar) data[0] == 0xff && (guchar) data[1] == 0xfe)
                   || ((guchar) data[0] == 0xfe && (guchar) data[1] == 0xff)))
    {
      g_set_error (error, NG_READER_ERROR, NG_READER_ERROR_ENCODING,
                   "%s: UTF-16 text (byte order mark at byte 0); "
                   "convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)", name);
      return FALSE;
    }
  nul = memchr (data, '\0', len);
  if (nul != NULL)
    {
      g_set_error (error, NG_READER_ERROR, NG_READER_ERROR_BINARY,
                   "%s: byte %" G_GSIZE_FORMAT ": NUL byte; binary data is "
                   "not an article", name, (gsize) (nul - file));
      return FALSE;
    }
  {
    const char *end = NULL;
    if (!g_utf8_validate_len (data, len, &end))
      {
        gsize off = (gsize) (end - file);
        gsize line = 1, col = 1;
        /* LF, CRLF and a lone CR each end a line, as the reader reads them */
        for (const char *c = data; c < end; c++)
          {
            if (*c == '\n' || (*c == '\r' && (c + 1 >= end || c[1] != '\n')))
              line++, col = 1;
            else if (*c != '\r' && ((guchar) *c & 0xc0) != 0x80)
              col++;
          }
        g_set_error (error, NG_READER_ERROR, NG_READER_ERROR_ENCODING,
                     "%s:%" G_GSIZE_FORMAT ":%" G_GSIZE_FORMAT ": invalid "
                     "UTF-8 at byte %" G_GSIZE_FORMAT " (0x%02x); articles "
                     "must be UTF-8", name, line, col, off,
                     (guint) (guchar) file[off]);
        return FALSE;
      }
  }
  return TRUE;
}

/* CRLF and lone CR to LF. */
static char *
normalise_newlines (const char *data, gsize len, gsize *out_len)
{
  char *out = g_malloc (len + 1);
  gsize j = 0;
  for (gsize i = 0; i < len; i++)
    {
      if (data[i] == '\r')
        {
          out[j++] = '\n';
          if (i + 1 < len && data[i + 1] == '\n')
            i++;
        }
      else
        out[j++] = data[i];
    }
  out[j] = '\0';
  *out_len = j;
  return out;
}

/* The optional date marker: " date YYYY-MM[-DD]" at the very start, followed
 * by a space or a line end.  Returns the number of bytes it takes, 0 when
 * there is none, -1 (with ERROR) when it is there but malformed. */
static gssize
parse_date_marker (const char *name, const char *text, NgDate *date,
                   GError **error)
{
  const char *p = text;
  const char *tok, *tok_end;
  g_autofree char *value = NULL;
  g_autoptr (GError) local = NULL;

  while (*p == ' ' || *p == '\t')
    p++;
  if (strncmp (p, "date", 4) != 0 || (p[4] != ' ' && p[4] != '\t'))
    return 0;
  p += 4;
  while (*p == ' ' || *p == '\t')
    p++;
  tok = p;
  while (*p && !g_ascii_isspace (*p))
    p++;
  tok_end = p;
  value = g_strndup (tok, (gsize) (tok_end - tok));
  if (!ng_date_parse (value, date, &local) || date->precision == NG_DATE_YEAR)
    {
      g_set_error (error, NG_READER_ERROR, NG_READER_ERROR_DATE,
                   "%s:1:%ld: malformed date line: %s", name,
                   (long) g_utf8_strlen (text, tok - text) + 1,
                   local ? local->message
                         : "a document date needs a month (YYYY-MM or YYYY-MM-DD)");
      return -1;
    }
  {
    GDateTime *now = g_date_time_new_now_utc ();
    int y = g_date_time_get_year (now), m = g_date_time_get_month (now);
    int d = g_date_time_get_day_of_month (now);
    gboolean future = date->year > y
      || (date->year == y && date->month > m)
      || (date->year == y && date->month == m
          && date->precision == NG_DATE_DAY && date->day > d + 1);
    g_date_time_unref (now);
    if (future)
      {
        g_set_error (error, NG_READER_ERROR, NG_READER_ERROR_DATE,
                     "%s:1: document date %s lies in the future", name, value);
        return -1;
      }
  }
  while (*p == ' ' || *p == '\t')
    p++;
  return (gssize) (p - text);
}

static char *
make_title (const char *text)
{
  const char *nl = strchr (text, '\n');
  gsize n = nl ? (gsize) (nl - text) : strlen (text);
  const char *stop;
  GString *t;

  /* A long first line is a paragraph: take its first sentence. */
  if (n > 150)
    {
      for (stop = text; stop < text + n; stop++)
        if ((*stop == '.' || *stop == '?' || *stop == '!') && stop[1] == ' '
            && stop - text > 10)
          {
            n = (gsize) (stop - text) + 1;
            break;
          }
    }
  t = g_string_new_len (text, (gssize) n);
  if (g_utf8_strlen (t->str, -1) > 150)
    {
      char *cut = g_utf8_offset_to_pointer (t->str, 150);
      char *space = g_utf8_strrchr (t->str, cut - t->str, ' ');
      g_string_truncate (t, (gsize) ((space ? space : cut) - t->str));
      g_string_append (t, "…");
    }
  g_strstrip (t->str);
  return g_string_free (t, FALSE);
}

NgArticle *
ng_article_new_from_data (const char *name, const char *data, gsize len,
                          GError **error)
{
  g_autoptr (NgArticle) a = NULL;
  g_autofree char *norm = NULL;
  gsize norm_len = 0, bom = 0;
  const char *body;
  gssize marker;
  g_autofree char *date_str = NULL;
  GChecksum *sum;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (len > NG_READER_MAX_BYTES)
    {
      g_set_error (error, NG_READER_ERROR, NG_READER_ERROR_TOO_LARGE,
                   "%s: %" G_GSIZE_FORMAT " bytes is more than the limit of "
                   "%" G_GSIZE_FORMAT " bytes for one article", name, len,
                   NG_READER_MAX_BYTES);
      return NULL;
    }
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    bom = 3;
  if (!check_bytes (name, data, bom, len, error))
    return NULL;

  a = g_new0 (NgArticle, 1);
  a->name = g_strdup (name);
  norm = normalise_newlines (data + bom, len - bom, &norm_len);

  marker = parse_date_marker (name, norm, &a->date, error);
  if (marker < 0)
    return NULL;
  body = norm + marker;

  /* Leading blank lines are not part of the text. */
  while (*body == '\n' || *body == ' ' || *body == '\t')
    body++;
  a->text = g_strdup (body);
  a->length = strlen (a->text);
  /* Trailing whitespace neither. */
  while (a->length > 0 && g_ascii_isspace (a->text[a->length - 1]))
    a->text[--a->length] = '\0';
  a->text_offset = bom + (gsize) (body - norm);

  if (a->length == 0)
    {
      g_set_error (error, NG_READER_ERROR, NG_READER_ERROR_EMPTY,
                   "%s: empty article: %s", name,
                   len == 0 ? "the file is empty"
                            : "no text besides white space and the date line");
      return NULL;
    }

  a->title = make_title (a->text);
  date_str = ng_date_to_string (&a->date);
  sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (sum, (const guchar *) (date_str ? date_str : ""), -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) a->text, (gssize) a->length);
  a->hash = g_strdup (g_checksum_get_string (sum));
  g_checksum_free (sum);
  return g_steal_pointer (&a);
}

static char *
read_stream (FILE *f, const char *name, gsize *len, GError **error)
{
  GByteArray *buf = g_byte_array_new ();
  guint8 chunk[65536];
  size_t n;

  while ((n = fread (chunk, 1, sizeof chunk, f)) > 0)
    {
      g_byte_array_append (buf, chunk, (guint) n);
      if (buf->len > NG_READER_MAX_BYTES)
        {
          g_set_error (error, NG_READER_ERROR, NG_READER_ERROR_TOO_LARGE,
                       "%s: more than the limit of %" G_GSIZE_FORMAT
                       " bytes for one article", name, NG_READER_MAX_BYTES);
          g_byte_array_unref (buf);
          return NULL;
        }
    }
  if (ferror (f))
    {
      g_set_error (error, NG_READER_ERROR, NG_READER_ERROR_IO,
                   "%s: read error: %s", name, g_strerror (errno));
      g_byte_array_unref (buf);
      return NULL;
    }
  *len = buf->len;
  g_byte_array_append (buf, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (buf, FALSE);
}

NgArticle *
ng_article_new_from_file (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  struct stat st;
  FILE *f;

  g_return_val_if_fail (path != NULL, NULL);

  if (strcmp (path, "-") == 0)
    {
      data = read_stream (stdin, "<stdin>", &len, error);
      if (data == NULL)
        return NULL;
      return ng_article_new_from_data ("-", data, len, error);
    }

  if (stat (path, &st) != 0)
    {
      int e = errno;
      g_set_error (error, NG_READER_ERROR, NG_READER_ERROR_IO,
                   "%s: cannot read: %s", path, g_strerror (e));
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, NG_READER_ERROR, NG_READER_ERROR_IO,
                   "%s: is a directory, not an article", path);
      return NULL;
    }
  if (S_ISREG (st.st_mode) && (guint64) st.st_size > NG_READER_MAX_BYTES)
    {
      g_set_error (error, NG_READER_ERROR, NG_READER_ERROR_TOO_LARGE,
                   "%s: %" G_GUINT64_FORMAT " bytes is more than the limit of "
                   "%" G_GSIZE_FORMAT " bytes for one article", path,
                   (guint64) st.st_size, NG_READER_MAX_BYTES);
      return NULL;
    }
  f = fopen (path, "rb");
  if (f == NULL)
    {
      int e = errno;
      g_set_error (error, NG_READER_ERROR, NG_READER_ERROR_IO,
                   "%s: cannot open: %s", path, g_strerror (e));
      return NULL;
    }
  data = read_stream (f, path, &len, error);
  fclose (f);
  if (data == NULL)
    return NULL;
  return ng_article_new_from_data (path, data, len, error);
}
