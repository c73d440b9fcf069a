/* publish-isql.c — Virtuoso's isql client as the loader uses it: a session
 * per script, the script on standard input (or one statement as exec=), the
 * output parsed for isql's "*** Error" lines and for our tagged rows.
 *
 * isql is the one client every Virtuoso installation has; ODBC would need
 * the driver manager's headers, which a stock system lacks.  It takes the
 * password only as its third argument (it never prompts for the first
 * login), hence the warning in publish.h. */
#include "config.h"

#include <string.h>

#include "publish-private.h"

/* The first "*** Error" of isql's output as one sentence: the driver's
 * bracketed prefixes go, the SQL state and Virtuoso's code stay. */
static char *
isql_error (const char *output)
{
  const char *e = strstr (output, "*** Error");
  const char *end;
  GString *msg;

  if (e == NULL)
    return NULL;
  e += strlen ("*** Error");
  while (*e == ' ')
    e++;
  end = strchr (e, '\n');
  msg = g_string_new_len (e, end ? end - e : (gssize) strlen (e));
  for (const char *drop[] = { "[Virtuoso Driver]", "[Virtuoso Server]", NULL }, **d = drop;
       *d; d++)
    {
      char *at;
      while ((at = strstr (msg->str, *d)))
        g_string_erase (msg, at - msg->str, (gssize) strlen (*d));
    }
  g_strstrip (msg->str);
  return g_string_free (msg, FALSE);
}

GSubprocess *
ng_isql_spawn (const NgIsql *l, const char *exec, GError **error)
{
  g_autofree char *exec_arg = exec ? g_strconcat ("exec=", exec, NULL) : NULL;
  const char *argv[] = { l->program, l->server, l->user, l->password ? l->password : "",
                         "PROMPT=OFF", "BANNER=OFF", "VERBOSE=OFF", exec_arg, NULL };
  g_autoptr (GError) local = NULL;
  GSubprocess *proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE
                                         | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                         | G_SUBPROCESS_FLAGS_STDERR_MERGE, &local);
  if (proc == NULL)
    g_set_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_LOADER,
                 "cannot run %s (Virtuoso's isql client; Debian: apt-get install "
                 "virtuoso-opensource-7-bin, or set NG_ISQL): %s", l->program, local->message);
  return proc;
}

gboolean
ng_isql_check (const NgIsql *l, GSubprocess *proc, const char *output, const char *what,
               GError **error)
{
  g_autofree char *why = isql_error (output ? output : "");
  int status = g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;

  if (why == NULL && status == 0)
    return TRUE;
  if (why == NULL)
    why = g_strdup_printf ("%s exited with status %d", l->program, status);
  if (strstr (why, "CL034") || strstr (why, "28000"))
    g_set_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_AUTH,
                 "Virtuoso at %s refused user %s: %s (check --user and the password)",
                 l->server, l->user, why);
  else if (strstr (why, "CL033") || strstr (why, "08001"))
    g_set_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_CONNECT,
                 "cannot reach Virtuoso's SQL port at %s: %s", l->server, why);
  else
    g_set_error (error, NG_PUBLISH_ERROR, NG_PUBLISH_ERROR_LOADER, "%s: %s%s", what, why,
                 strstr (why, "FA003") ? " (the loader directory must be in the "
                 "server's DirsAllowed, virtuoso.ini)" : "");
  return FALSE;
}

gboolean
ng_isql_run (const NgIsql *l, const char *script, const char *what, char **output,
             GError **error)
{
  g_autoptr (GSubprocess) proc = ng_isql_spawn (l, NULL, error);
  g_autofree char *out = NULL;

  if (proc == NULL)
    return FALSE;
  if (!g_subprocess_communicate_utf8 (proc, script, NULL, &out, NULL, error))
    return FALSE;
  if (!ng_isql_check (l, proc, out, what, error))
    return FALSE;
  if (output)
    *output = g_steal_pointer (&out);
  return TRUE;
}

GPtrArray *
ng_isql_tagged_rows (const char *output, const char *tag)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  gsize n = strlen (tag);
  g_auto (GStrv) lines = g_strsplit (output, "\n", -1);
  for (char **line = lines; *line; line++)
    {
      char *s = g_strstrip (*line);
      if (strncmp (s, tag, n) == 0 && s[n] == '|')
        g_ptr_array_add (rows, g_strdup (s + n + 1));
    }
  return rows;
}

