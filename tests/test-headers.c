/* Each public header compiles on its own (see tests/headers/). */
#include "config.h"
#include <glib.h>

#define H(n) int ng_header_##n##_compiles (void);
H (vocab) H (date) H (reader) H (gazetteer) H (segment) H (extract) H (graph)
H (merge) H (store) H (query) H (server) H (export) H (web) H (stats) H (timex) H (lexmatch) H (extract_private)

static void
test_headers (void)
{
  int n = ng_header_vocab_compiles () + ng_header_date_compiles ()
          + ng_header_reader_compiles () + ng_header_gazetteer_compiles ()
          + ng_header_segment_compiles () + ng_header_extract_compiles ()
          + ng_header_graph_compiles () + ng_header_merge_compiles ()
          + ng_header_store_compiles () + ng_header_query_compiles ()
          + ng_header_server_compiles () + ng_header_export_compiles ()
          + ng_header_web_compiles () + ng_header_stats_compiles ()
          + ng_header_timex_compiles () + ng_header_lexmatch_compiles ()
          + ng_header_extract_private_compiles ();
  g_assert_cmpint (n, ==, 17);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/headers/self-contained", test_headers);
  return g_test_run ();
}
