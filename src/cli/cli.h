/* cli.h — the nieuwsgraaf command line: one function per subcommand. */
#ifndef NG_CLI_H
#define NG_CLI_H

#include <glib.h>
#include "nieuwsgraaf/store.h"

/* Stable exit codes. */
enum {
  NG_EXIT_OK = 0,        /* everything worked */
  NG_EXIT_PARTIAL = 1,   /* some inputs failed (others were processed), or the
                            command failed */
  NG_EXIT_USAGE = 2      /* bad command line */
};

#define NG_DEFAULT_STORE "output/store"

/* Each subcommand gets argv with argv[0] = "nieuwsgraaf SUBCOMMAND". */
int ng_cmd_build (int argc, char **argv);
int ng_cmd_extract (int argc, char **argv);
int ng_cmd_export (int argc, char **argv);
int ng_cmd_query (int argc, char **argv);
int ng_cmd_serve (int argc, char **argv);
int ng_cmd_stats (int argc, char **argv);
int ng_cmd_publish (int argc, char **argv);
int ng_cmd_update (int argc, char **argv);

/* Verbosity shared by all subcommands (set from --quiet / --verbose). */
extern int ng_cli_verbosity; /* 0 quiet, 1 normal, 2 verbose */

/* Parses ARGV with CONTEXT; on error prints "nieuwsgraaf SUB: message" and
 * the usage hint, returns FALSE (caller exits NG_EXIT_USAGE). */
gboolean ng_cli_parse (GOptionContext *context, int *argc, char ***argv);

/* Adds --quiet/--verbose to CONTEXT's main group. */
void ng_cli_add_common (GOptionContext *context);

/* Prints "nieuwsgraaf: message" to stderr (always) */
void ng_cli_error (const char *fmt, ...) G_GNUC_PRINTF (1, 2);
/* Prints to stderr unless --quiet */
void ng_cli_info (const char *fmt, ...) G_GNUC_PRINTF (1, 2);
/* Prints to stderr only with --verbose */
void ng_cli_debug (const char *fmt, ...) G_GNUC_PRINTF (1, 2);

/* Opens the store, printing an error on failure. */
NgStore *ng_cli_open_store (const char *dir, NgStoreFlags flags);

#endif
