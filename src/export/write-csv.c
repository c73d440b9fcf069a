/* write-csv.c — one row per meeting, for a spreadsheet. */
#include "config.h"

#include "nieuwsgraaf/export.h"
#include "export-util.h"

/* The entries of ITEMS, each through NAME, joined by SEP; caller frees. */
static char *
join (GPtrArray *items, const char *(*name) (gpointer), const char *sep)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < items->len; i++)
    {
      const char *n = name (items->pdata[i]);
      if (n == NULL)
        continue;
      if (s->len)
        g_string_append (s, sep);
      g_string_append (s, n);
    }
  return g_string_free (s, FALSE);
}

static const char *entity_name (gpointer p) { NgViewEntity *e = p; return e->name ? e->name : e->id; }
static const char *article_title (gpointer p) { NgViewArticle *a = p; return a->title ? a->title : a->iri; }
static const char *article_file (gpointer p) { return ((NgViewArticle *) p)->source_file; }
static const char *sentence_text (gpointer p) { return ((NgViewSentence *) p)->text; }

void
ng_export_csv (NgView *view, GString *out)
{
  GPtrArray *meetings = ng_view_entities (view, NG_VIEW_KIND_MEETING);

  g_string_append (out, "meeting,date,place,participants,status,sources,source_files,evidence\r\n");
  for (guint i = 0; i < meetings->len; i++)
    {
      NgViewEntity *m = meetings->pdata[i];
      g_autofree char *who = join (m->attendees, entity_name, "; ");
      g_autofree char *titles = join (m->articles, article_title, "; ");
      g_autofree char *files = join (m->articles, article_file, "; ");
      g_autofree char *evidence = join (m->evidence, sentence_text, " | ");

      ng_csv_field_append (out, m->iri);
      g_string_append_c (out, ',');
      ng_csv_field_append (out, m->date);
      g_string_append_c (out, ',');
      ng_csv_field_append (out, m->place ? entity_name (m->place) : NULL);
      g_string_append_c (out, ',');
      ng_csv_field_append (out, who);
      g_string_append_c (out, ',');
      ng_csv_field_append (out, m->status);
      g_string_append_c (out, ',');
      ng_csv_field_append (out, titles);
      g_string_append_c (out, ',');
      ng_csv_field_append (out, files);
      g_string_append_c (out, ',');
      ng_csv_field_append (out, evidence);
      g_string_append (out, "\r\n");
    }
}
