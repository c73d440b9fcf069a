/* cmd-export.c — nieuwsgraaf export [--format F] [--view V] [filters] [-o FILE]
 *
 * The RDF formats come from the store (ng_store_export; JSON-LD from
 * ng_export_jsonld); the visualizer formats from one NgView of the merged
 * graph (export.h), so their counts agree. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "nieuwsgraaf/export.h"
#include "cli.h"

static char *opt_store, *opt_format, *opt_output, *opt_view, *opt_from, *opt_to, *opt_person;

static GOptionEntry entries[] = {
  { "store", 's', 0, G_OPTION_ARG_FILENAME, &opt_store,
    "Store directory (default " NG_DEFAULT_STORE ")", "DIR" },
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format,
    "RDF: turtle (default), ntriples, nquads (with each article's named graph), "
    "rdfxml, jsonld; visualizers: graphml, gexf, dot, cytoscape, csv (a row per "
    "meeting), html (interactive view)", "F" },
  { "view", 0, 0, G_OPTION_ARG_STRING, &opt_view,
    "Visualizer view: people (persons, an edge per pair who met; default) or full "
    "(persons, places, organisations, meetings, sanction regimes)", "V" },
  { "from", 0, 0, G_OPTION_ARG_STRING, &opt_from,
    "Visualizers: only meetings on or after DATE (YYYY[-MM[-DD]])", "DATE" },
  { "to", 0, 0, G_OPTION_ARG_STRING, &opt_to,
    "Visualizers: only meetings on or before DATE", "DATE" },
  { "person", 0, 0, G_OPTION_ARG_STRING, &opt_person,
    "Visualizers: the ego network of the person called NAME", "NAME" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    "Write to FILE (default: standard output)", "FILE" },
  G_OPTION_ENTRY_NULL
};

static gboolean
is_rdf_format (const char *format)
{
  static const char *const rdf[] = { "turtle", "ntriples", "nquads", "rdfxml", "jsonld" };
  for (guint i = 0; i < G_N_ELEMENTS (rdf); i++)
    if (strcmp (format, rdf[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
write_export (NgStore *store, const char *format, NgExportFormat vformat,
              NgViewMode mode, FILE *out, GError **error)
{
  g_autoptr (GString) text = g_string_new (NULL);
  int e;

  if (strcmp (format, "jsonld") == 0)
    {
      if (!ng_export_jsonld (ng_store_get_merged (store), text, error))
        return FALSE;
    }
  else if (is_rdf_format (format))
    return ng_store_export (store, format, out, error);
  else
    {
      NgViewFilter filter = { opt_from, opt_to, opt_person };
      g_autoptr (NgView) view = ng_view_load (ng_store_get_merged (store), &filter, error);
      if (view == NULL || !ng_export_view (view, vformat, mode, text, error))
        return FALSE;
    }
  if (fwrite (text->str, 1, text->len, out) == text->len && fflush (out) == 0)
    return TRUE;
  e = errno;
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (e),
               "cannot write the export: %s", g_strerror (e));
  return FALSE;
}

int
ng_cmd_export (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new ("— write the merged graph");
  g_autoptr (GError) error = NULL;
  g_autoptr (NgStore) store = NULL;
  g_autofree char *tmp = NULL;
  FILE *out = stdout;
  int status = NG_EXIT_OK;
  const char *format;
  gboolean rdf;
  NgExportFormat vformat = NG_EXPORT_GRAPHML;
  NgViewMode mode = NG_VIEW_PEOPLE;

  g_option_context_set_summary (ctx,
    "Writes the merged graph: one node per person, place, organisation, meeting\n"
    "and sanction regime, with provenance to the articles.  The nquads format\n"
    "adds each article's own graph as a named graph.  The visualizer formats\n"
    "load in Gephi (gexf), Cytoscape and yEd (graphml), Graphviz (dot),\n"
    "networkx (graphml, gexf), Cytoscape.js (cytoscape), a spreadsheet (csv)\n"
    "or a browser (html, one self-contained page).");
  g_option_context_add_main_entries (ctx, entries, NULL);
  ng_cli_add_common (ctx);
  if (!ng_cli_parse (ctx, &argc, &argv))
    return NG_EXIT_USAGE;
  if (argc != 1)
    {
      ng_cli_error ("unexpected argument “%s”\nTry “%s --help”.", argv[1], g_get_prgname ());
      return NG_EXIT_USAGE;
    }
  format = opt_format ? opt_format : "turtle";
  rdf = is_rdf_format (format);
  if (!rdf && !ng_export_format_from_name (format, &vformat))
    {
      ng_cli_error ("unknown format “%s” (turtle, ntriples, nquads, rdfxml, jsonld, "
                    "graphml, gexf, dot, cytoscape, csv, html)", format);
      return NG_EXIT_USAGE;
    }
  if (opt_view && !ng_view_mode_from_name (opt_view, &mode))
    {
      ng_cli_error ("unknown view “%s” (people, full)", opt_view);
      return NG_EXIT_USAGE;
    }
  if (rdf && (opt_view || opt_from || opt_to || opt_person))
    {
      ng_cli_error ("--view, --from, --to and --person apply to the visualizer "
                    "formats, not to %s", format);
      return NG_EXIT_USAGE;
    }
  store = ng_cli_open_store (opt_store ? opt_store : NG_DEFAULT_STORE, NG_STORE_READ);
  if (store == NULL)
    return NG_EXIT_PARTIAL;
  if (opt_output && g_strcmp0 (opt_output, "-") != 0)
    {
      /* write beside the target and rename, so a failed export never leaves
         a truncated file */
      tmp = g_strdup_printf ("%s.tmp-%d", opt_output, (int) getpid ());
      out = g_fopen (tmp, "wb");
      if (out == NULL)
        {
          int e = errno;
          ng_cli_error ("%s: cannot write: %s", opt_output, g_strerror (e));
          return NG_EXIT_PARTIAL;
        }
    }
  if (!write_export (store, format, vformat, mode, out, &error))
    {
      ng_cli_error ("%s", error->message);
      status = NG_EXIT_PARTIAL;
    }
  if (tmp)
    {
      if (fclose (out) != 0 && status == NG_EXIT_OK)
        {
          int e = errno;
          ng_cli_error ("%s: %s", opt_output, g_strerror (e));
          status = NG_EXIT_PARTIAL;
        }
      if (status == NG_EXIT_OK && g_rename (tmp, opt_output) != 0)
        {
          int e = errno;
          ng_cli_error ("%s: %s", opt_output, g_strerror (e));
          status = NG_EXIT_PARTIAL;
        }
      if (status != NG_EXIT_OK)
        g_unlink (tmp);
    }
  g_clear_pointer (&opt_store, g_free);
  g_clear_pointer (&opt_format, g_free);
  g_clear_pointer (&opt_output, g_free);
  g_clear_pointer (&opt_view, g_free);
  g_clear_pointer (&opt_from, g_free);
  g_clear_pointer (&opt_to, g_free);
  g_clear_pointer (&opt_person, g_free);
  return status;
}
