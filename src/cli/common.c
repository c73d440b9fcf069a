/* common.c — what every subcommand shares: options, messages, the store. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "cli.h"

int ng_cli_verbosity = 1;

static gboolean opt_quiet, opt_verbose;

static GOptionEntry common_entries[] = {
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet, "Print only errors", NULL },
  { "verbose", 'v', 0, G_OPTION_ARG_NONE, &opt_verbose, "Print more detail", NULL },
  G_OPTION_ENTRY_NULL
};

void
ng_cli_add_common (GOptionContext *context)
{
  g_option_context_add_main_entries (context, common_entries, NULL);
}

gboolean
ng_cli_parse (GOptionContext *context, int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      fprintf (stderr, "%s: %s\nTry “%s --help”.\n", g_get_prgname (),
               error->message, g_get_prgname ());
      return FALSE;
    }
  ng_cli_verbosity = opt_quiet ? 0 : opt_verbose ? 2 : 1;
  return TRUE;
}

static void
vprint (const char *fmt, va_list ap)
{
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  fprintf (stderr, "%s: %s\n", g_get_prgname () ? g_get_prgname () : "nieuwsgraaf", msg);
}

void
ng_cli_error (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vprint (fmt, ap);
  va_end (ap);
}

void
ng_cli_info (const char *fmt, ...)
{
  va_list ap;
  if (ng_cli_verbosity < 1)
    return;
  va_start (ap, fmt);
  vprint (fmt, ap);
  va_end (ap);
}

void
ng_cli_debug (const char *fmt, ...)
{
  va_list ap;
  if (ng_cli_verbosity < 2)
    return;
  va_start (ap, fmt);
  vprint (fmt, ap);
  va_end (ap);
}

NgStore *
ng_cli_open_store (const char *dir, NgStoreFlags flags)
{
  g_autoptr (GError) error = NULL;
  NgStore *s = ng_store_open (dir, flags, &error);
  if (s == NULL)
    ng_cli_error ("%s", error->message);
  return s;
}
