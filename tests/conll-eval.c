/* conll-eval.c — measures person and place recognition on a CoNLL-2002
 * file (token POS IOB2-tag per line): each document is rebuilt as text, one
 * paragraph per sentence, run through ng_extract, and the name mentions
 * (not role phrases) are compared with the gold PER and LOC spans by exact
 * token span.  A measurement tool for `make eval-conll`, not a test. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "nieuwsgraaf/extract.h"

typedef struct {
  guint tp, fp, fn;
} Counts;

typedef struct {
  GString *text;
  GArray *starts;   /* gsize: byte offset of each token */
  GArray *ends;
  GPtrArray *gold;  /* "TYPE first last" */
} Doc;

static void
doc_reset (Doc *d)
{
  g_string_truncate (d->text, 0);
  g_array_set_size (d->starts, 0);
  g_array_set_size (d->ends, 0);
  g_ptr_array_set_size (d->gold, 0);
}

/* Token index whose span starts at / ends at byte POS, or -1. */
static gint
token_at (GArray *offs, gsize pos)
{
  guint lo = 0, hi = offs->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      gsize v = g_array_index (offs, gsize, mid);
      if (v == pos)
        return (gint) mid;
      if (v < pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  return -1;
}

static void
score_doc (const NgGazetteer *gaz, Doc *d, Counts *per, Counts *loc,
           gboolean verbose)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NgArticle) a = NULL;
  g_autoptr (NgExtraction) ex = NULL;
  g_autoptr (GHashTable) pred = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) gold = g_hash_table_new (g_str_hash, g_str_equal);

  if (d->starts->len == 0)
    return;
  a = ng_article_new_from_data ("conll", d->text->str, d->text->len, &error);
  if (a == NULL)
    return;
  ex = ng_extract (gaz, a);
  for (guint i = 0; i < ex->mentions->len; i++)
    {
      const NgMention *m = ex->mentions->pdata[i];
      gint first, last;
      const char *type;
      if (m->by_role || m->kind == NG_ENTITY_ORGANISATION)
        continue;
      type = m->kind == NG_ENTITY_PERSON ? "PER" : "LOC";
      first = token_at (d->starts, m->start);
      last = token_at (d->ends, m->end);
      if (first < 0 || last < 0)
        continue;
      g_hash_table_add (pred, g_strdup_printf ("%s %d %d", type, first, last));
    }
  for (guint i = 0; i < d->gold->len; i++)
    g_hash_table_add (gold, d->gold->pdata[i]);

  GHashTableIter it;
  gpointer k;
  g_hash_table_iter_init (&it, pred);
  while (g_hash_table_iter_next (&it, &k, NULL))
    {
      Counts *c = g_str_has_prefix (k, "PER") ? per : loc;
      if (g_hash_table_contains (gold, k))
        c->tp++;
      else
        {
          c->fp++;
          if (verbose)
            {
              int f, l;
              sscanf ((char *) k + 4, "%d %d", &f, &l);
              gsize s = g_array_index (d->starts, gsize, f);
              gsize e = g_array_index (d->ends, gsize, l);
              printf ("FP %.3s %.*s\n", (char *) k, (int) (e - s), d->text->str + s);
            }
        }
    }
  g_hash_table_iter_init (&it, gold);
  while (g_hash_table_iter_next (&it, &k, NULL))
    if (!g_hash_table_contains (pred, k))
      {
        Counts *c = g_str_has_prefix (k, "PER") ? per : loc;
        c->fn++;
        if (verbose)
          {
            int f, l;
            sscanf ((char *) k + 4, "%d %d", &f, &l);
            gsize s = g_array_index (d->starts, gsize, f);
            gsize e = g_array_index (d->ends, gsize, l);
            printf ("FN %.3s %.*s\n", (char *) k, (int) (e - s), d->text->str + s);
          }
      }
}

static void
print_row (const char *name, const Counts *c)
{
  double p = c->tp + c->fp ? (double) c->tp / (c->tp + c->fp) : 0;
  double r = c->tp + c->fn ? (double) c->tp / (c->tp + c->fn) : 0;
  double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
  printf ("%-6s %6u %6u %6u   %.3f  %.3f  %.3f\n", name, c->tp, c->fp, c->fn, p, r, f);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NgGazetteer) gaz = NULL;
  g_autofree char *data = NULL;
  g_auto (GStrv) lines = NULL;
  Doc d = { g_string_new (NULL), g_array_new (FALSE, FALSE, sizeof (gsize)),
            g_array_new (FALSE, FALSE, sizeof (gsize)),
            g_ptr_array_new_with_free_func (g_free) };
  Counts per = { 0 }, loc = { 0 };
  gboolean verbose = argc > 2 && strcmp (argv[2], "--verbose") == 0;
  char open_type[4] = "";
  gint open_first = -1;

  if (argc < 2)
    {
      fprintf (stderr, "usage: conll-eval FILE [--verbose]\n");
      return 2;
    }
  gaz = ng_gazetteer_load (ng_gazetteer_default_dir (), &error);
  if (gaz == NULL || !g_file_get_contents (argv[1], &data, NULL, &error))
    {
      fprintf (stderr, "conll-eval: %s\n", error->message);
      return 1;
    }
  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto (GStrv) cols = g_strsplit (lines[i], " ", 3);
      guint n = g_strv_length (cols);
      const char *tag = n == 3 ? cols[2] : "O";
      gboolean docstart = n >= 1 && strcmp (cols[0], "-DOCSTART-") == 0;
      gboolean blank = n < 3;

      /* close an open gold span unless this token continues it */
      if (open_first >= 0
          && (blank || docstart || tag[0] != 'I' || strcmp (tag + 2, open_type) != 0))
        {
          if (strcmp (open_type, "PER") == 0 || strcmp (open_type, "LOC") == 0)
            g_ptr_array_add (d.gold, g_strdup_printf ("%s %d %u", open_type, open_first,
                                                      d.starts->len - 1));
          open_first = -1;
        }
      if (docstart)
        {
          score_doc (gaz, &d, &per, &loc, verbose);
          doc_reset (&d);
          continue;
        }
      if (blank)
        {
          if (d.text->len)
            g_string_append (d.text, "\n\n");
          continue;
        }
      if (d.text->len && d.text->str[d.text->len - 1] != '\n')
        g_string_append_c (d.text, ' ');
      gsize s = d.text->len;
      g_string_append (d.text, cols[0]);
      gsize e = d.text->len;
      if (tag[0] == 'B')
        {
          open_first = (gint) d.starts->len;
          g_strlcpy (open_type, tag + 2, sizeof open_type);
        }
      g_array_append_val (d.starts, s);
      g_array_append_val (d.ends, e);
    }
  score_doc (gaz, &d, &per, &loc, verbose);
  printf ("kind       tp     fp     fn       P      R      F1\n");
  print_row ("PER", &per);
  print_row ("LOC", &loc);
  g_string_free (d.text, TRUE);
  g_array_unref (d.starts);
  g_array_unref (d.ends);
  g_ptr_array_unref (d.gold);
  return 0;
}
