#include "config.h"
#include "nieuwsgraaf/date.h"

static void
test_parse (void)
{
  NgDate d;
  g_autoptr (GError) error = NULL;
  g_assert_true (ng_date_parse ("2019-02-27", &d, &error));
  g_assert_cmpint (d.precision, ==, NG_DATE_DAY);
  g_assert_cmpint (d.year, ==, 2019);
  g_assert_cmpint (d.month, ==, 2);
  g_assert_cmpint (d.day, ==, 27);
  g_assert_true (ng_date_parse ("2018-06", &d, NULL));
  g_assert_cmpint (d.precision, ==, NG_DATE_MONTH);
  g_assert_true (ng_date_parse ("2018", &d, NULL));
  g_assert_cmpint (d.precision, ==, NG_DATE_YEAR);
}

static void
test_invalid (void)
{
  NgDate d;
  const char *bad[] = { "2019-13", "2019-02-30", "2019-2", "gisteren", "",
                        "2019-02-27x", "19-02", "2019-00", "2019-04-31" };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_assert_false (ng_date_parse (bad[i], &d, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == NG_DATE_ERROR);
    }
  g_assert_true (ng_date_parse ("2020-02-29", &d, NULL));  /* leap year */
  g_assert_false (ng_date_parse ("2019-02-29", &d, NULL));
}

static void
test_format (void)
{
  NgDate d = { 2019, 2, 0, NG_DATE_MONTH };
  g_autofree char *s = ng_date_to_string (&d);
  g_assert_cmpstr (s, ==, "2019-02");
  g_assert_cmpstr (ng_date_xsd_type (&d), ==, "http://www.w3.org/2001/XMLSchema#gYearMonth");
  d.precision = NG_DATE_NONE;
  g_assert_null (ng_date_to_string (&d));
  g_assert_null (ng_date_xsd_type (&d));
}

static void
test_compatible (void)
{
  NgDate month = { 2019, 2, 0, NG_DATE_MONTH };
  NgDate day = { 2019, 2, 27, NG_DATE_DAY };
  NgDate other = { 2019, 2, 28, NG_DATE_DAY };
  NgDate june = { 2018, 6, 0, NG_DATE_MONTH };
  NgDate none = { 0, 0, 0, NG_DATE_NONE };
  NgDate year = { 2019, 0, 0, NG_DATE_YEAR };
  g_assert_true (ng_date_compatible (&month, &day));
  g_assert_true (ng_date_compatible (&day, &month));
  g_assert_false (ng_date_compatible (&day, &other));
  g_assert_false (ng_date_compatible (&month, &june));
  g_assert_true (ng_date_compatible (&none, &june));
  g_assert_true (ng_date_compatible (&year, &day));
  g_assert_cmpint (ng_date_compare (&june, &month), <, 0);
  g_assert_cmpint (ng_date_compare (&none, &june), <, 0);
  g_assert_cmpint (ng_date_compare (&day, &day), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/date/parse", test_parse);
  g_test_add_func ("/date/invalid", test_invalid);
  g_test_add_func ("/date/format", test_format);
  g_test_add_func ("/date/compatible", test_compatible);
  return g_test_run ();
}
