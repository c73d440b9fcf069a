/* test-fuzz-regress.c — replays the fuzz targets' seed corpora
 * (fuzz/corpus/<target>/) and every input a fuzzer ever crashed on
 * (tests/data/fuzz/<target>/) through the same entry points `make fuzz`
 * fuzzes, so that a fixed crash stays fixed and the targets keep compiling
 * under the normal and the sanitizer build. */
#include "config.h"

#include <glib.h>

#include "fuzz.h"

typedef int (*FuzzFunc) (const uint8_t *data, size_t size);

typedef struct {
  const char *dir;   /* relative to the source tree */
  FuzzFunc func;
} Replay;

static void
replay (gconstpointer user_data)
{
  const Replay *r = user_data;
  g_autofree char *dir = g_build_filename (NG_FUZZ_SRCDIR, r->dir, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) d = g_dir_open (dir, 0, &error);
  const char *name;
  guint n = 0;

  if (d == NULL)
    {
      /* a target without any crash so far has no directory yet */
      g_test_skip (error->message);
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      gsize len = 0;

      if (name[0] == '.' || g_str_has_suffix (name, ".md")
          || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      g_test_message ("%s", path);
      r->func ((const uint8_t *) data, len);
      n++;
    }
  g_test_message ("%u inputs from %s", n, dir);
}

int
main (int argc, char **argv)
{
  static const struct { const char *path; Replay r; } cases[] = {
    { "/fuzz/article/seeds",   { "fuzz/corpus/article",   ng_fuzz_article } },
    { "/fuzz/article/crashes", { "tests/data/fuzz/article", ng_fuzz_article } },
    { "/fuzz/date/seeds",      { "fuzz/corpus/date",      ng_fuzz_date } },
    { "/fuzz/date/crashes",    { "tests/data/fuzz/date",  ng_fuzz_date } },
    { "/fuzz/query/seeds",     { "fuzz/corpus/query",     ng_fuzz_query } },
    { "/fuzz/query/crashes",   { "tests/data/fuzz/query", ng_fuzz_query } },
  };

  g_test_init (&argc, &argv, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i].r, replay);
  return g_test_run ();
}
