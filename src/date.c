/* date.c — day/month/year-precision dates. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "nieuwsgraaf/date.h"
#include "nieuwsgraaf/vocab.h"

G_DEFINE_QUARK (ng-date-error-quark, ng_date_error)

int
ng_date_days_in_month (int year, int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  if (month < 1 || month > 12)
    return 0;
  if (month == 2 && g_date_is_leap_year ((GDateYear) CLAMP (year, 1, 65535)))
    return 29;
  return days[month - 1];
}

gboolean
ng_date_is_valid (const NgDate *d)
{
  if (d == NULL || d->precision == NG_DATE_NONE)
    return FALSE;
  if (d->year < 1 || d->year > 9999)
    return FALSE;
  if (d->precision >= NG_DATE_MONTH && (d->month < 1 || d->month > 12))
    return FALSE;
  if (d->precision == NG_DATE_DAY
      && (d->day < 1 || d->day > ng_date_days_in_month (d->year, d->month)))
    return FALSE;
  return TRUE;
}

static gboolean
take_digits (const char **p, int n, int *out)
{
  int v = 0;
  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = v;
  return TRUE;
}

gboolean
ng_date_parse (const char *text, NgDate *out, GError **error)
{
  NgDate d = { 0, 0, 0, NG_DATE_NONE };
  const char *p = text;

  g_return_val_if_fail (text != NULL && out != NULL, FALSE);

  if (!take_digits (&p, 4, &d.year))
    goto syntax;
  d.precision = NG_DATE_YEAR;
  if (*p == '-')
    {
      p++;
      if (!take_digits (&p, 2, &d.month))
        goto syntax;
      d.precision = NG_DATE_MONTH;
      if (*p == '-')
        {
          p++;
          if (!take_digits (&p, 2, &d.day))
            goto syntax;
          d.precision = NG_DATE_DAY;
        }
    }
  if (*p != '\0')
    goto syntax;
  if (!ng_date_is_valid (&d))
    {
      g_set_error (error, NG_DATE_ERROR, NG_DATE_ERROR_RANGE,
                   "“%s” is not a calendar date", text);
      return FALSE;
    }
  *out = d;
  return TRUE;

syntax:
  g_set_error (error, NG_DATE_ERROR, NG_DATE_ERROR_SYNTAX,
               "“%s” is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD",
               text);
  return FALSE;
}

char *
ng_date_to_string (const NgDate *d)
{
  if (d == NULL)
    return NULL;
  switch (d->precision)
    {
    case NG_DATE_YEAR:
      return g_strdup_printf ("%04d", d->year);
    case NG_DATE_MONTH:
      return g_strdup_printf ("%04d-%02d", d->year, d->month);
    case NG_DATE_DAY:
      return g_strdup_printf ("%04d-%02d-%02d", d->year, d->month, d->day);
    case NG_DATE_NONE:
    default:
      return NULL;
    }
}

const char *
ng_date_xsd_type (const NgDate *d)
{
  if (d == NULL)
    return NULL;
  switch (d->precision)
    {
    case NG_DATE_YEAR:
      return NG_XSD_GYEAR;
    case NG_DATE_MONTH:
      return NG_XSD_GYEARMONTH;
    case NG_DATE_DAY:
      return NG_XSD_DATE;
    case NG_DATE_NONE:
    default:
      return NULL;
    }
}

gboolean
ng_date_compatible (const NgDate *a, const NgDate *b)
{
  if (a->precision == NG_DATE_NONE || b->precision == NG_DATE_NONE)
    return TRUE;
  if (a->year != b->year)
    return FALSE;
  if (a->precision == NG_DATE_YEAR || b->precision == NG_DATE_YEAR)
    return TRUE;
  if (a->month != b->month)
    return FALSE;
  if (a->precision == NG_DATE_MONTH || b->precision == NG_DATE_MONTH)
    return TRUE;
  return a->day == b->day;
}

int
ng_date_compare (const NgDate *a, const NgDate *b)
{
#define CMP(x, y) if ((x) != (y)) return (x) < (y) ? -1 : 1
  /* NONE sorts first */
  CMP (a->precision != NG_DATE_NONE, b->precision != NG_DATE_NONE);
  CMP (a->year, b->year);
  CMP (a->month, b->month);
  CMP (a->day, b->day);
  CMP (a->precision, b->precision);
#undef CMP
  return 0;
}
