#include "config.h"
#include <string.h>
#include "nieuwsgraaf/reader.h"
#include "test-util.h"

static NgArticle *
read_str (const char *s, gsize len, GError **error)
{
  return ng_article_new_from_data ("test.txt", s, len == 0 ? strlen (s) : len, error);
}

static void
test_date_line (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NgArticle) a = read_str (" date 2019-02 De top in Hanoi mislukte.", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ng_article_get_date (a)->precision, ==, NG_DATE_MONTH);
  g_assert_cmpint (ng_article_get_date (a)->year, ==, 2019);
  g_assert_cmpstr (ng_article_get_text (a), ==, "De top in Hanoi mislukte.");
  g_assert_cmpuint (ng_article_get_text_offset (a), ==, 14);
}

static void
test_date_line_day_no_space (void)
{
  g_autoptr (NgArticle) a = read_str ("date 2018-06-12\nKop\n\nTekst.", 0, NULL);
  g_assert_nonnull (a);
  g_assert_cmpint (ng_article_get_date (a)->precision, ==, NG_DATE_DAY);
  g_assert_cmpint (ng_article_get_date (a)->day, ==, 12);
  g_assert_cmpstr (ng_article_get_title (a), ==, "Kop");
}

static void
test_no_date (void)
{
  g_autoptr (NgArticle) a = read_str ("Het was een flop.\nMeer tekst.", 0, NULL);
  g_assert_nonnull (a);
  g_assert_cmpint (ng_article_get_date (a)->precision, ==, NG_DATE_NONE);
  g_assert_cmpstr (ng_article_get_title (a), ==, "Het was een flop.");
}

static void
test_bom_crlf (void)
{
  g_autoptr (NgArticle) a = read_str ("\xef\xbb\xbf date 2019-02\r\nRegel een.\r\nRegel twee.\r\n", 0, NULL);
  g_assert_nonnull (a);
  g_assert_cmpstr (ng_article_get_text (a), ==, "Regel een.\nRegel twee.");
  g_assert_null (strchr (ng_article_get_text (a), '\r'));
}

static void
test_same_hash (void)
{
  g_autoptr (NgArticle) a = read_str (" date 2019-02 Tekst.\n", 0, NULL);
  g_autoptr (NgArticle) b = read_str ("\xef\xbb\xbf date 2019-02 Tekst.\r\n", 0, NULL);
  g_autoptr (NgArticle) c = read_str (" date 2019-03 Tekst.\n", 0, NULL);
  g_assert_cmpstr (ng_article_get_hash (a), ==, ng_article_get_hash (b));
  g_assert_cmpstr (ng_article_get_hash (a), !=, ng_article_get_hash (c));
  g_assert_cmpuint (strlen (ng_article_get_hash (a)), ==, 64);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NgArticle) a = read_str ("Goed begin.\nDan fo\xffut.", 0, &error);
  g_assert_null (a);
  g_assert_error (error, NG_READER_ERROR, NG_READER_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "test.txt:2:7"));
  g_assert_nonnull (strstr (error->message, "byte 18"));
}

static void
test_offsets_from_file_start (void)
{
  g_autoptr (GError) e1 = NULL, e2 = NULL;
  /* after a byte order mark, offsets still count from the file's first byte */
  g_assert_null (read_str ("\xef\xbb\xbfGoed.\nDan fo\xffut.", 0, &e1));
  g_assert_nonnull (strstr (e1->message, "test.txt:2:7"));
  g_assert_nonnull (strstr (e1->message, "byte 15"));
  /* a lone CR ends a line */
  g_assert_null (read_str ("Een.\rTwee.\r\nDrie \xfe.", 0, &e2));
  g_assert_nonnull (strstr (e2->message, "test.txt:3:6"));
}

static void
test_empty (void)
{
  g_autoptr (GError) e0 = NULL;
  /* only a byte order mark (found by fuzzing: read past the end) */
  g_assert_null (read_str ("\xef\xbb\xbf", 3, &e0));
  g_assert_error (e0, NG_READER_ERROR, NG_READER_ERROR_EMPTY);
  g_autoptr (GError) e1 = NULL, e2 = NULL, e3 = NULL;
  g_assert_null (read_str ("", 0, &e1));
  g_assert_error (e1, NG_READER_ERROR, NG_READER_ERROR_EMPTY);
  g_assert_null (read_str (" \n\t\n  ", 0, &e2));
  g_assert_error (e2, NG_READER_ERROR, NG_READER_ERROR_EMPTY);
  g_assert_null (read_str (" date 2019-02\n\n", 0, &e3));
  g_assert_error (e3, NG_READER_ERROR, NG_READER_ERROR_EMPTY);
}

static void
test_binary (void)
{
  g_autoptr (GError) e1 = NULL, e2 = NULL, e3 = NULL, e4 = NULL;
  g_assert_null (read_str ("%PDF-1.4\n...", 0, &e1));
  g_assert_error (e1, NG_READER_ERROR, NG_READER_ERROR_BINARY);
  g_assert_nonnull (strstr (e1->message, "PDF"));
  g_assert_null (read_str ("tekst\0meer", 10, &e2));
  g_assert_error (e2, NG_READER_ERROR, NG_READER_ERROR_BINARY);
  g_assert_nonnull (strstr (e2->message, "byte 5"));
  g_assert_null (read_str ("\xff\xfeh\0i\0", 6, &e3));
  g_assert_error (e3, NG_READER_ERROR, NG_READER_ERROR_ENCODING);
  g_assert_nonnull (strstr (e3->message, "UTF-16"));
  g_assert_null (read_str ("\x1f\x8b\x08\x00", 4, &e4));
  g_assert_error (e4, NG_READER_ERROR, NG_READER_ERROR_BINARY);
}

static void
test_bad_dates (void)
{
  const char *bad[] = { " date 2019-13 Tekst.", " date gisteren Tekst.",
                        " date 2019 Tekst.", " date 2019-02-30 Tekst.",
                        " date 2999-01 Tekst uit de toekomst." };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_assert_null (read_str (bad[i], 0, &error));
      g_assert_error (error, NG_READER_ERROR, NG_READER_ERROR_DATE);
      g_assert_nonnull (strstr (error->message, "test.txt:1"));
    }
}

static void
test_files (void)
{
  g_autofree char *dir = ng_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "a.txt", NULL);
  g_autoptr (GError) e1 = NULL, e2 = NULL;
  g_autoptr (NgArticle) a = NULL;

  g_assert_true (g_file_set_contents (path, " date 2019-02-27 Kim en Trump.", -1, NULL));
  a = ng_article_new_from_file (path, NULL);
  g_assert_nonnull (a);
  g_assert_cmpstr (ng_article_get_name (a), ==, path);
  g_assert_null (ng_article_new_from_file (dir, &e1));
  g_assert_error (e1, NG_READER_ERROR, NG_READER_ERROR_IO);
  g_assert_nonnull (strstr (e1->message, "directory"));
  g_unlink (path);
  g_assert_null (ng_article_new_from_file (path, &e2));
  g_assert_error (e2, NG_READER_ERROR, NG_READER_ERROR_IO);
  ng_test_rmdir (dir);
}

static void
test_free_null (void)
{
  ng_article_free (NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reader/date-line", test_date_line);
  g_test_add_func ("/reader/date-line-day", test_date_line_day_no_space);
  g_test_add_func ("/reader/no-date", test_no_date);
  g_test_add_func ("/reader/bom-crlf", test_bom_crlf);
  g_test_add_func ("/reader/hash", test_same_hash);
  g_test_add_func ("/reader/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/reader/offsets-from-file-start", test_offsets_from_file_start);
  g_test_add_func ("/reader/empty", test_empty);
  g_test_add_func ("/reader/binary", test_binary);
  g_test_add_func ("/reader/bad-dates", test_bad_dates);
  g_test_add_func ("/reader/files", test_files);
  g_test_add_func ("/reader/free-null", test_free_null);
  return g_test_run ();
}
