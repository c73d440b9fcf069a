/* replay.c — runs one fuzz target's entry point over files, outside
 * libFuzzer and without sanitizers: `make bench` times extraction with it
 * (fuzz/replay-article), and it reproduces a crash input under gdb.
 *
 *   fuzz/replay-article FILE|DIR…   prints bytes, inputs, CPU and wall time */
#include "config.h"

#include <time.h>
#include <glib.h>

#include "fuzz.h"

static guint64 n_inputs, n_bytes;
static double busy;  /* CPU seconds spent inside the entry point */

static void
run (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GDir) d = g_dir_open (path, 0, NULL);
      const char *name;
      while (d && (name = g_dir_read_name (d)) != NULL)
        if (name[0] != '.')
          {
            g_autofree char *sub = g_build_filename (path, name, NULL);
            run (sub);
          }
      return;
    }
  g_autofree char *data = NULL;
  gsize len = 0;
  if (!g_file_get_contents (path, &data, &len, NULL))
    return;
  clock_t t0 = clock ();
  NG_FUZZ_ENTRY ((const uint8_t *) data, len);
  busy += (double) (clock () - t0) / CLOCKS_PER_SEC;
  n_inputs++;
  n_bytes += len;
}

int
main (int argc, char **argv)
{
  gint64 t0;

  /* the first input pays for loading the reference data: not timed */
  NG_FUZZ_ENTRY ((const uint8_t *) "Niets.", 6);
  t0 = g_get_monotonic_time ();
  for (int i = 1; i < argc; i++)
    run (argv[i]);
  g_print ("%" G_GUINT64_FORMAT " bytes %" G_GUINT64_FORMAT " inputs %.3f cpu-s %.3f wall-s\n",
           n_bytes, n_inputs, busy,
           (double) (g_get_monotonic_time () - t0) / G_USEC_PER_SEC);
  return 0;
}
