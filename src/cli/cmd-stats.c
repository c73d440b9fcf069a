/* cmd-stats.c — nieuwsgraaf stats [--store DIR] [--format text|json] */
#include "config.h"

#include <stdio.h>

#include "cli.h"
#include "nieuwsgraaf/stats.h"

static char *opt_store, *opt_format;

static GOptionEntry entries[] = {
  { "store", 's', 0, G_OPTION_ARG_FILENAME, &opt_store,
    "Store directory (default " NG_DEFAULT_STORE ")", "DIR" },
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, "text (default) or json", "F" },
  G_OPTION_ENTRY_NULL
};

int
ng_cmd_stats (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new ("— what the graph holds");
  g_autoptr (NgStore) store = NULL;
  gboolean json;
  NgStats st;

  g_option_context_set_summary (ctx,
    "Counts persons, places, organisations, meetings (by status), sanction\n"
    "regimes and events, articles and triples of the merged graph, and says\n"
    "whether it is up to date with the stored articles.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  ng_cli_add_common (ctx);
  if (!ng_cli_parse (ctx, &argc, &argv))
    return NG_EXIT_USAGE;
  json = g_strcmp0 (opt_format, "json") == 0;
  if (argc != 1 || (opt_format && !json && g_strcmp0 (opt_format, "text") != 0))
    {
      ng_cli_error ("usage: nieuwsgraaf stats [--store DIR] [--format text|json]");
      g_clear_pointer (&opt_store, g_free);
      g_clear_pointer (&opt_format, g_free);
      return NG_EXIT_USAGE;
    }
  store = ng_cli_open_store (opt_store ? opt_store : NG_DEFAULT_STORE, NG_STORE_READ);
  g_clear_pointer (&opt_store, g_free);
  g_clear_pointer (&opt_format, g_free);
  if (store == NULL)
    return NG_EXIT_PARTIAL;
  ng_stats_compute (store, &st);
  if (json)
    printf ("{\"articles\": %u, \"persons\": %u, \"places\": %u, \"countries\": %u, "
            "\"organisations\": %u, \"meetings\": %u, \"meetings_held\": %u, "
            "\"meetings_planned\": %u, \"meetings_cancelled\": %u, \"sanctions\": %u, "
            "\"sanction_events\": %u, \"triples\": %u, \"storage\": \"%s\", "
            "\"up_to_date\": %s}\n",
            st.articles, st.persons, st.places, st.countries, st.organisations,
            st.meetings, st.meetings_held, st.meetings_planned, st.meetings_cancelled,
            st.sanctions, st.sanction_events, st.triples, ng_store_get_backend (store),
            st.current ? "true" : "false");
  else
    printf ("articles          %u\n"
            "persons           %u\n"
            "places            %u (of which %u countries)\n"
            "organisations     %u\n"
            "meetings          %u (held %u, planned %u, cancelled %u)\n"
            "sanction regimes  %u\n"
            "sanction events   %u\n"
            "triples           %u\n"
            "storage           %s\n"
            "merged graph      %s\n",
            st.articles, st.persons, st.places, st.countries, st.organisations,
            st.meetings, st.meetings_held, st.meetings_planned, st.meetings_cancelled,
            st.sanctions, st.sanction_events, st.triples, ng_store_get_backend (store),
            st.current ? "up to date" : "out of date: run nieuwsgraaf build --rescan to merge again");
  return NG_EXIT_OK;
}
