/* fuzz-date.c — the date normaliser: ng_date_parse and the date arithmetic
 * on whatever it accepts, and the reader's " date " first line. */
#include "config.h"

#include <string.h>
#include <glib.h>

#include "fuzz.h"
#include "nieuwsgraaf/date.h"
#include "nieuwsgraaf/reader.h"

int
ng_fuzz_date (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr (GError) error = NULL;
  NgDate d, e = { 2019, 2, 0, NG_DATE_MONTH };

  if (ng_date_parse (text, &d, &error))
    {
      g_assert (ng_date_is_valid (&d));
      g_autofree char *s = ng_date_to_string (&d);
      NgDate back;
      /* what it prints, it reads back as the same date */
      g_assert (s != NULL && ng_date_parse (s, &back, NULL));
      g_assert (ng_date_compare (&d, &back) == 0);
      g_assert (ng_date_xsd_type (&d) != NULL);
      g_assert (ng_date_compatible (&d, &d));
      g_assert (ng_date_compatible (&d, &e) == ng_date_compatible (&e, &d));
      g_assert (ng_date_compare (&d, &e) == -ng_date_compare (&e, &d));
    }
  else
    g_assert (error != NULL && error->domain == NG_DATE_ERROR);

  /* the same bytes as the value of an article's date line */
  {
    g_autofree char *article =
      g_strdup_printf (" date %s\nDonald Trump ontmoette Kim Jong-un.\n", text);
    g_autoptr (GError) aerr = NULL;
    g_autoptr (NgArticle) art =
      ng_article_new_from_data ("fuzz.txt", article, strlen (article), &aerr);
    g_assert ((art == NULL) == (aerr != NULL));
    if (art != NULL)
      {
        const NgDate *ad = ng_article_get_date (art);
        g_assert (ad->precision == NG_DATE_NONE || ng_date_is_valid (ad));
      }
  }
  return 0;
}

#ifndef NG_FUZZ_REGRESS
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  return ng_fuzz_date (data, size);
}
#endif
