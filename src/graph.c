/* graph.c — one article's named graph in the mention vocabulary. */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "nieuwsgraaf/graph.h"
#include "nieuwsgraaf/vocab.h"
#include "rdf-util.h"

char *
ng_article_iri (const NgArticle *article)
{
  return g_strdup_printf (NG_ID_BASE "article/%.16s", ng_article_get_hash (article));
}

char *
ng_entity_iri (NgEntityKind kind, const NgEntity *e, const char *name)
{
  static const char *const dirs[] = { "person", "place", "org" };
  if (e && e->wikidata)
    return g_strdup_printf (NG_ID_BASE "%s/%s", dirs[kind], e->wikidata);
  g_autofree char *slug = ng_slug (e ? e->name : name);
  return g_strdup_printf (NG_ID_BASE "%s/%s", dirs[kind], slug);
}

static const char *
place_class (const NgEntity *e)
{
  if (e == NULL || e->type == NULL)
    return NULL;
  if (strcmp (e->type, "country") == 0)
    return NG_SCHEMA_COUNTRY;
  if (strcmp (e->type, "city") == 0)
    return NG_SCHEMA_CITY;
  return NULL;
}

/* The description of an entity as this article knows it. */
static void
write_entity (NgWriter *w, const NgMention *m, const char *iri)
{
  static const char *const classes[] = { NG_SCHEMA_PERSON, NG_SCHEMA_PLACE,
                                         NG_SCHEMA_ORGANIZATION };
  const NgEntity *e = m->entity;

  ng_write_uri (w, iri, NG_RDF_TYPE, classes[m->kind]);
  ng_write_literal (w, iri, NG_SCHEMA_NAME, m->name, NULL);
  if (e == NULL)
    return;
  if (e->wikidata)
    {
      g_autofree char *wd = g_strconcat (NG_WD_NS, e->wikidata, NULL);
      ng_write_uri (w, iri, NG_OWL_SAME_AS, wd);
    }
  if (m->kind == NG_ENTITY_PLACE)
    {
      if (place_class (e))
        ng_write_uri (w, iri, NG_RDF_TYPE, place_class (e));
      if (e->has_coords)
        {
          ng_write_double (w, iri, NG_SCHEMA_LATITUDE, e->lat);
          ng_write_double (w, iri, NG_SCHEMA_LONGITUDE, e->lon);
        }
      if (e->country && g_strcmp0 (e->country, e->wikidata) != 0)
        {
          g_autofree char *c = g_strdup_printf (NG_ID_BASE "place/%s", e->country);
          ng_write_uri (w, iri, NG_SCHEMA_CONTAINED_IN, c);
        }
    }
}

static void
write_date (NgWriter *w, const char *s, const char *p, const NgDate *d)
{
  g_autofree char *v = ng_date_to_string (d);
  if (v)
    ng_write_literal (w, s, p, v, ng_date_xsd_type (d));
}

static void
write_article_graph (NgWriter *wp, const NgArticle *article, const NgExtraction *ex)
{
  NgWriter w = *wp;
  g_autofree char *a = ng_article_iri (article);
  g_autoptr (GHashTable) used_sentences = g_hash_table_new (NULL, NULL);
  /* an entity is described once per article, not once per mention (the
     same statements, which the canonical form would only drop again) */
  g_autoptr (GHashTable) described = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                            g_free, NULL);
  static const char *const statuses[] = { NG_HELD, NG_PLANNED, NG_CANCELLED, NG_FAILED };
  static const char *const actions[] = { NG_IMPOSE, NG_LIFT, NG_EASE, NG_TIGHTEN,
                                         NG_DEMAND_LIFT, NG_REFUSE_LIFT, NG_THREATEN };

  ng_write_uri (&w, a, NG_RDF_TYPE, NG_ARTICLE);
  ng_write_literal (&w, a, NG_DCT_TITLE, ng_article_get_title (article), NULL);
  ng_write_literal (&w, a, NG_SOURCE_FILE, ng_article_get_name (article), NULL);
  ng_write_literal (&w, a, NG_CONTENT_HASH, ng_article_get_hash (article), NULL);
  write_date (&w, a, NG_DCT_DATE, ng_article_get_date (article));

  for (guint i = 0; i < ex->mentions->len; i++)
    {
      const NgMention *m = ex->mentions->pdata[i];
      g_autofree char *e = ng_entity_iri (m->kind, m->entity, m->name);
      g_autofree char *mi = g_strdup_printf ("%s#mention-%u", a, i + 1);
      g_autofree char *si = g_strdup_printf ("%s#sentence-%u", a, m->sentence + 1);

      if (g_hash_table_add (described, g_strdup_printf ("%d\x1f%p\x1f%s\x1f%s", m->kind,
                                                        (const void *) m->entity,
                                                        m->name, e)))
        write_entity (&w, m, e);
      ng_write_uri (&w, mi, NG_RDF_TYPE, NG_ENTITY_MENTION);
      ng_write_uri (&w, mi, NG_REFERS_TO, e);
      ng_write_literal (&w, mi, NG_SURFACE_FORM, m->surface, NULL);
      ng_write_uri (&w, mi, NG_IN_SENTENCE, si);
      ng_write_int (&w, mi, NG_BYTE_OFFSET, (gint64) m->start);
      if (m->by_role)
        ng_write_literal (&w, mi, NG_TRIGGER, "role", NULL);
      g_hash_table_insert (used_sentences, GUINT_TO_POINTER (m->sentence + 1), NULL);
    }

  for (guint i = 0; i < ex->meetings->len; i++)
    {
      const NgMeetingMention *mm = ex->meetings->pdata[i];
      g_autofree char *mi = g_strdup_printf ("%s#meeting-%u", a, i + 1);
      g_autofree char *si = g_strdup_printf ("%s#sentence-%u", a, mm->sentence + 1);
      ng_write_uri (&w, mi, NG_RDF_TYPE, NG_MEETING_MENTION);
      for (guint k = 0; k < mm->participants->len; k++)
        {
          const NgMention *p = mm->participants->pdata[k];
          g_autofree char *pi = ng_entity_iri (p->kind, p->entity, p->name);
          ng_write_uri (&w, mi, NG_PARTICIPANT, pi);
        }
      if (mm->place)
        {
          g_autofree char *pi = ng_entity_iri (mm->place->kind, mm->place->entity,
                                               mm->place->name);
          ng_write_uri (&w, mi, NG_MENTION_PLACE, pi);
        }
      write_date (&w, mi, NG_MENTION_DATE, &mm->date);
      ng_write_uri (&w, mi, NG_STATUS, statuses[mm->status]);
      ng_write_literal (&w, mi, NG_TRIGGER, mm->trigger, NULL);
      ng_write_uri (&w, mi, NG_IN_SENTENCE, si);
      g_hash_table_insert (used_sentences, GUINT_TO_POINTER (mm->sentence + 1), NULL);
    }

  for (guint i = 0; i < ex->sanctions->len; i++)
    {
      const NgSanctionMention *sm = ex->sanctions->pdata[i];
      g_autofree char *mi = g_strdup_printf ("%s#sanction-%u", a, i + 1);
      g_autofree char *si = g_strdup_printf ("%s#sentence-%u", a, sm->sentence + 1);
      g_autofree char *ti = ng_entity_iri (sm->target->kind, sm->target->entity,
                                           sm->target->name);
      ng_write_uri (&w, mi, NG_RDF_TYPE, NG_SANCTION_MENTION);
      ng_write_uri (&w, mi, NG_TARGET, ti);
      if (sm->imposer)
        {
          g_autofree char *ii = ng_entity_iri (sm->imposer->kind, sm->imposer->entity,
                                               sm->imposer->name);
          ng_write_uri (&w, mi, NG_IMPOSER, ii);
        }
      if (sm->has_action)
        {
          g_autofree char *ai = ng_entity_iri (sm->actor->kind, sm->actor->entity,
                                               sm->actor->name);
          ng_write_uri (&w, mi, NG_ACTOR, ai);
          ng_write_uri (&w, mi, NG_ACTION, actions[sm->action]);
          ng_write_literal (&w, mi, NG_TRIGGER, sm->trigger, NULL);
        }
      write_date (&w, mi, NG_MENTION_DATE, &sm->date);
      ng_write_uri (&w, mi, NG_IN_SENTENCE, si);
      g_hash_table_insert (used_sentences, GUINT_TO_POINTER (sm->sentence + 1), NULL);
    }

  /* the evidence: every sentence a mention points at */
  for (guint i = 0; i < ex->sentences->len; i++)
    {
      const NgSentence *s = ex->sentences->pdata[i];
      g_autofree char *si = NULL;
      if (!g_hash_table_contains (used_sentences, GUINT_TO_POINTER (s->index + 1)))
        continue;
      si = g_strdup_printf ("%s#sentence-%u", a, s->index + 1);
      ng_write_uri (&w, si, NG_RDF_TYPE, NG_SENTENCE);
      ng_write_uri (&w, si, NG_IN_ARTICLE, a);
      ng_write_int (&w, si, NG_SENTENCE_INDEX, s->index + 1);
      ng_write_int (&w, si, NG_BYTE_OFFSET,
                    (gint64) (s->start + ng_article_get_text_offset (article)));
      ng_write_int (&w, si, NG_CHAR_OFFSET, s->char_start);
      ng_write_literal (&w, si, NG_TEXT, s->text, NULL);
    }

  wp->failed = w.failed;
}

gboolean
ng_article_graph_add (librdf_world *world, librdf_model *model,
                      librdf_node *context, const NgArticle *article,
                      const NgExtraction *ex, GError **error)
{
  NgWriter w = { world, model, context, FALSE, NULL, NULL };
  write_article_graph (&w, article, ex);
  if (w.failed)
    {
      g_autofree char *why = ng_rdf_take_error ();
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%s: could not write the article graph%s%s",
                   ng_article_get_name (article), why ? ": " : "", why ? why : "");
      return FALSE;
    }
  return TRUE;
}

static int
line_cmp (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char *
ng_nquads_canonical (GPtrArray *lines)
{
  GString *text;
  gsize total = 1;

  g_ptr_array_sort (lines, line_cmp);
  for (guint i = 0; i < lines->len; i++)
    total += strlen (lines->pdata[i]) + 1;
  /* sized once, and each line freed once copied: a large article's graph is
     held about once, not as lines, text and a doubling buffer at a time */
  text = g_string_sized_new (total);
  for (guint i = 0; i < lines->len; i++)
    {
      /* a statement repeated by the extraction is one statement */
      if (i == 0 || strcmp (lines->pdata[i], lines->pdata[i - 1]) != 0)
        {
          g_string_append (text, lines->pdata[i]);
          g_string_append_c (text, '\n');
        }
      if (i > 0)
        g_clear_pointer (&lines->pdata[i - 1], g_free);
    }
  if (lines->len)
    g_clear_pointer (&lines->pdata[lines->len - 1], g_free);
  return g_string_free (text, FALSE);
}

char *
ng_article_graph_nquads (const NgArticle *article, const NgExtraction *ex)
{
  g_autofree char *iri = ng_article_iri (article);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  NgWriter w = { NULL, NULL, NULL, FALSE, lines, iri };
  write_article_graph (&w, article, ex);
  return ng_nquads_canonical (lines);
}
