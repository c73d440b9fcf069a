/* reader.h — one news article read from bytes: UTF-8 checked, BOM and CRLF
 * removed, optional first-line " date YYYY-MM[-DD]" taken as the document
 * date. */
#ifndef NIEUWSGRAAF_READER_H
#define NIEUWSGRAAF_READER_H

#include <glib.h>
#include "nieuwsgraaf/date.h"

G_BEGIN_DECLS

#define NG_READER_ERROR (ng_reader_error_quark ())
GQuark ng_reader_error_quark (void);

typedef enum {
  NG_READER_ERROR_IO,         /* cannot open / read the file */
  NG_READER_ERROR_EMPTY,      /* no text at all (or only whitespace) */
  NG_READER_ERROR_ENCODING,   /* not UTF-8 (message names the byte offset) */
  NG_READER_ERROR_BINARY,     /* NUL bytes or a known binary signature */
  NG_READER_ERROR_DATE,       /* malformed " date" line */
  NG_READER_ERROR_TOO_LARGE   /* larger than NG_READER_MAX_BYTES */
} NgReaderError;

/* No news article comes near this (long ones are some 100 kB); a text this
 * large is a dump or a scraping accident: extracting it takes a second, but
 * its graph (a million statements and more) takes the store minutes.
 * Refused with a message naming the file. */
#define NG_READER_MAX_BYTES ((gsize) 8 * 1024 * 1024)

typedef struct NgArticle NgArticle;

/* Reads and checks an article from memory.  NAME is used in messages and as
 * the source name.  Returns NULL with ERROR set on bad input. */
NgArticle *ng_article_new_from_data (const char *name, const char *data,
                                     gsize len, GError **error);

/* Reads a file ("-" reads standard input). */
NgArticle *ng_article_new_from_file (const char *path, GError **error);

void ng_article_free (NgArticle *article);

/* The source name given at creation (file path or "-"). */
const char *ng_article_get_name (const NgArticle *article);

/* The body text: valid UTF-8, LF line ends, without BOM and date line. */
const char *ng_article_get_text (const NgArticle *article);
gsize ng_article_get_length (const NgArticle *article);

/* Byte offset of the body text within the original input (after BOM and
 * date marker), so that offsets can be reported against the file. */
gsize ng_article_get_text_offset (const NgArticle *article);

/* The document date; precision NG_DATE_NONE when the article has none. */
const NgDate *ng_article_get_date (const NgArticle *article);

/* A headline: the first line, or its first sentence, at most ~200 chars. */
const char *ng_article_get_title (const NgArticle *article);

/* SHA-256 (hex) of the normalised content (date and text). */
const char *ng_article_get_hash (const NgArticle *article);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NgArticle, ng_article_free)

G_END_DECLS

#endif
