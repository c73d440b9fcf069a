/* fuzz-query.c — the endpoint's query path up to execution: the UTF-8 check
 * the server makes, then ng_query_check (Rasqal's parser plus nieuwsgraaf's
 * guard against the forms it would answer wrongly). */
#include "config.h"

#include <glib.h>
#include <redland.h>

#include "fuzz.h"
#include "nieuwsgraaf/query.h"

static librdf_world *
world (void)
{
  static librdf_world *w;
  if (w == NULL)
    {
      w = librdf_new_world ();
      librdf_world_open (w);
    }
  return w;
}

int
ng_fuzz_query (const uint8_t *data, size_t size)
{
  /* as the server does: refuse what is not UTF-8 or holds a NUL */
  if (!g_utf8_validate ((const char *) data, (gssize) size, NULL))
    return 0;
  g_autofree char *query = g_strndup ((const char *) data, size);
  g_autoptr (GError) error = NULL;

  if (!ng_query_check (world (), query, &error))
    {
      g_assert (error != NULL && error->domain == NG_QUERY_ERROR);
      g_assert (error->message != NULL && *error->message);
    }
  else
    g_assert (error == NULL);
  return 0;
}

#ifndef NG_FUZZ_REGRESS
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  return ng_fuzz_query (data, size);
}
#endif
