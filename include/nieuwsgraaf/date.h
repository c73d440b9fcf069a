/* date.h — calendar dates of day, month or year precision (xsd:date,
 * xsd:gYearMonth, xsd:gYear). */
#ifndef NIEUWSGRAAF_DATE_H
#define NIEUWSGRAAF_DATE_H

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  NG_DATE_NONE = 0,
  NG_DATE_YEAR,
  NG_DATE_MONTH,
  NG_DATE_DAY
} NgDatePrecision;

typedef struct {
  int year;
  int month;                  /* 1..12 when precision >= MONTH, else 0 */
  int day;                    /* 1..31 when precision == DAY, else 0 */
  NgDatePrecision precision;
} NgDate;

#define NG_DATE_ERROR (ng_date_error_quark ())
GQuark ng_date_error_quark (void);

typedef enum {
  NG_DATE_ERROR_SYNTAX,
  NG_DATE_ERROR_RANGE
} NgDateError;

/* Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (the whole string).  Checks that
 * month and day exist in the calendar. */
gboolean ng_date_parse (const char *text, NgDate *out, GError **error);

/* TRUE when the date names a real calendar day/month/year. */
gboolean ng_date_is_valid (const NgDate *date);

/* The xsd lexical form ("2019-02-27", "2019-02", "2019"); NULL for NONE.
 * Caller frees. */
char *ng_date_to_string (const NgDate *date);

/* The xsd datatype IRI for the precision; NULL for NONE. */
const char *ng_date_xsd_type (const NgDate *date);

/* Two dates are compatible when one contains the other (2019-02 contains
 * 2019-02-27); a NONE date is compatible with anything. */
gboolean ng_date_compatible (const NgDate *a, const NgDate *b);

/* -1, 0, 1 ordering by (year, month, day, precision); NONE sorts first. */
int ng_date_compare (const NgDate *a, const NgDate *b);

/* Number of days in the month (1..12) of the year. */
int ng_date_days_in_month (int year, int month);

G_END_DECLS

#endif
