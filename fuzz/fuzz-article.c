/* fuzz-article.c — bytes → reader → segmenter → extractor → article graph
 * serialisation: the path every file handed to `build` takes. */
#include "config.h"

#include <glib.h>

#include "fuzz.h"
#include "nieuwsgraaf/extract.h"
#include "nieuwsgraaf/gazetteer.h"
#include "nieuwsgraaf/reader.h"

/* The reference data is loaded once: it is not under test here, and loading
 * it per input would slow the fuzzer a hundredfold. */
static NgGazetteer *
gazetteer (void)
{
  static NgGazetteer *gaz;
  if (gaz == NULL)
    {
      g_autoptr (GError) error = NULL;
      gaz = ng_gazetteer_load (ng_gazetteer_default_dir (), &error);
      if (gaz == NULL)
        g_error ("fuzz-article: %s (set NG_DATA_DIR to ontology/)",
                 error->message);
    }
  return gaz;
}

int
ng_fuzz_article (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NgArticle) art =
    ng_article_new_from_data ("fuzz.txt", (const char *) data, size, &error);

  if (art == NULL)
    {
      /* every refusal says why, naming the input */
      g_assert (error != NULL && error->domain == NG_READER_ERROR);
      g_assert (g_str_has_prefix (error->message, "fuzz.txt"));
      return 0;
    }
  g_assert (error == NULL);
  g_assert (g_utf8_validate (ng_article_get_text (art),
                             (gssize) ng_article_get_length (art), NULL));
  g_assert (ng_article_get_title (art) != NULL);

  g_autoptr (NgExtraction) ex = ng_extract (gazetteer (), art);
  g_assert (ex != NULL);
  for (guint i = 0; i < ex->mentions->len; i++)
    {
      const NgMention *m = ex->mentions->pdata[i];
      g_assert (m->start <= m->end && m->end <= ng_article_get_length (art));
      g_assert (g_utf8_validate (m->name, -1, NULL));
    }
  return 0;
}

#ifndef NG_FUZZ_REGRESS
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  return ng_fuzz_article (data, size);
}
#endif
