/* extract.c — the extraction driver: two passes over the sentences
 * (full names first, then everything), the result structs and the helpers
 * the person and event rules share (extract-private.h).  Deliberately
 * rule-based and explainable: every fact points at its sentence and says
 * which rule produced it. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "extract-private.h"

const char *
ng_sanction_action_name (NgSanctionAction a)
{
  static const char *const names[] = { "Impose", "Lift", "Ease", "Tighten",
                                       "DemandLift", "RefuseLift", "Threaten" };
  return (guint) a < G_N_ELEMENTS (names) ? names[a] : "Impose";
}

const char *
ng_event_status_name (NgEventStatus s)
{
  static const char *const names[] = { "Held", "Planned", "Cancelled", "Failed" };
  return (guint) s < G_N_ELEMENTS (names) ? names[s] : "Held";
}

static void
mention_free (gpointer p)
{
  NgMention *m = p;
  if (m == NULL)
    return;
  g_free (m->name);
  g_free (m->surface);
  g_free (m->explain);
  g_free (m);
}

void
xt_meeting_free (gpointer p)
{
  NgMeetingMention *m = p;
  g_ptr_array_unref (m->participants);
  g_free (m->trigger);
  g_free (m->explain);
  g_free (m);
}

static void
sanction_free (gpointer p)
{
  NgSanctionMention *s = p;
  g_free (s->trigger);
  g_free (s->explain);
  g_free (s);
}

void
ng_extraction_free (NgExtraction *ex)
{
  if (ex == NULL)
    return;
  g_ptr_array_unref (ex->meetings);
  g_ptr_array_unref (ex->sanctions);
  g_ptr_array_unref (ex->mentions);
  g_ptr_array_unref (ex->sentences);
  g_free (ex);
}

/* ------------------------------------------------------------ helpers */

void
xt_cache_sentence (Ctx *c, const NgSentence *s)
{
  if (c->cache_s == s)
    return;
  c->cache_s = s;
  g_clear_pointer (&c->status_hits, g_array_unref);
  g_clear_pointer (&c->timex[0], g_array_unref);
  g_clear_pointer (&c->timex[1], g_array_unref);
}

void
xt_explain (NgMention *m, const char *fmt, ...)
{
  va_list ap;
  if (m == NULL)
    return;
  g_free (m->explain);
  va_start (ap, fmt);
  m->explain = g_strdup_vprintf (fmt, ap);
  va_end (ap);
}

/* Separable verbs: "blies de top af", "legt sancties op" — the particle
 * may come later in the sentence; try "word particle" for the first word. */
gboolean
xt_lex_split_verb (const Ctx *c, const NgSentence *s, guint i, const char *kind,
                const NgLexEntry **out)
{
  NgToken *t = ng_sentence_token (s, i);
  if (t == NULL || !ng_sentence_starts_phrase (c->gaz, s, i) || t->width1 < 3)
    return FALSE;  /* no phrase of two or more words starts here */
  for (guint k = i + 1; k < s->tokens->len && k < i + 24; k++)
    {
      NgToken *p = ng_sentence_token (s, k);
      if (!p->is_word)
        break;
      const NgLexEntry *e = ng_sentence_lexicon_pair (c->gaz, s, i, k, kind);
      if (e)
        {
          if (out)
            *out = e;
          return TRUE;
        }
    }
  return FALSE;
}
/* ------------------------------------------------------------ persons */

XtPersons *
xt_persons_new (void)
{
  XtPersons *p = g_new0 (XtPersons, 1);
  p->by_entity = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  p->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  p->by_word = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_ptr_array_unref);
  p->listed = g_ptr_array_new ();
  return p;
}

void
xt_persons_free (XtPersons *p)
{
  if (p == NULL)
    return;
  g_hash_table_unref (p->by_entity);
  g_hash_table_unref (p->by_name);
  g_hash_table_unref (p->by_word);
  g_ptr_array_unref (p->listed);
  g_free (p);
}

void
xt_name_words (const char *norm, void (*func) (const char *, gsize, gpointer),
               gpointer data)
{
  for (const char *p = norm; p && *p;)
    {
      const char *sp = strchr (p, ' ');
      gsize len = sp ? (gsize) (sp - p) : strlen (p);
      /* one letter ("J" of "Donald J. Trump") is no short form */
      if (len > 1)
        func (p, len, data);
      p += len;
      while (*p == ' ')
        p++;
    }
}

/* Appends DATA[1] to the list of word (in table DATA[0]) unless it is the
 * last one there already (a word twice in one name). */
static void
index_word (const char *word, gsize len, gpointer data)
{
  gpointer *d = data;
  g_autofree char *key = g_strndup (word, len);
  GPtrArray *list = g_hash_table_lookup (d[0], key);
  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (d[0], g_steal_pointer (&key), list);
    }
  if (list->len == 0 || list->pdata[list->len - 1] != d[1])
    g_ptr_array_add (list, d[1]);
}

static void
index_name (GHashTable *by_word, const char *name, gpointer value)
{
  g_autofree char *norm = ng_normalize_name (name);
  gpointer d[2] = { by_word, value };
  xt_name_words (norm, index_word, d);
}

/* M names a person in full: it becomes their latest mention. */
static void
persons_saw (XtPersons *ps, NgMention *m)
{
  XtPerson *p = m->entity ? g_hash_table_lookup (ps->by_entity, m->entity)
                          : g_hash_table_lookup (ps->by_name, m->name);
  if (p == NULL)
    {
      p = g_new0 (XtPerson, 1);
      if (m->entity)
        {
          g_hash_table_insert (ps->by_entity, (gpointer) m->entity, p);
          g_ptr_array_add (ps->listed, p);
        }
      else
        g_hash_table_insert (ps->by_name, g_strdup (m->name), p);
      index_name (ps->by_word, m->name, p);
    }
  p->latest = m;
  p->seq = ++ps->seq;
}

NgMention *
xt_add_mention (Ctx *c, const NgSentence *s, guint i, guint w, NgEntityKind kind,
             const NgEntity *e, const char *name, gboolean by_role)
{
  NgMention *m = g_new0 (NgMention, 1);
  NgToken *first = ng_sentence_token (s, i), *last = ng_sentence_token (s, i + w - 1);
  m->kind = kind;
  m->entity = e;
  m->name = g_strdup (e ? e->name : name);
  m->start = first->start;
  m->end = last->end;
  m->surface = g_strndup (c->text + m->start, m->end - m->start);
  m->sentence = s->index;
  m->by_role = by_role;
  g_ptr_array_add (c->ex->mentions, m);
  if (e)
    g_hash_table_insert (c->last_of_entity, (gpointer) e,
                         GUINT_TO_POINTER (c->ex->mentions->len));
  if (kind == NG_ENTITY_PERSON && !by_role)
    {
      persons_saw (c->seen, m);
      g_hash_table_insert (c->counts, m->name,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (c->counts, m->name)) + 1));
    }
  return m;
}
gboolean
xt_same_person (const NgMention *a, const NgMention *b)
{
  if (a->entity || b->entity)
    return a->entity == b->entity;
  return g_strcmp0 (a->name, b->name) == 0;
}
/* The role a person holds on DATE (any role when DATE is NONE). */
const NgRole *
xt_role_at (const NgEntity *e, const char *key, const char *country,
         const NgDate *date)
{
  for (guint i = 0; e && i < e->roles->len; i++)
    {
      const NgRole *r = e->roles->pdata[i];
      if (key && strcmp (r->key, key) != 0)
        continue;
      if (country && g_strcmp0 (r->country, country) != 0)
        continue;
      if (date->precision != NG_DATE_NONE)
        {
          if (r->from.precision != NG_DATE_NONE
              && ng_date_compare (date, &r->from) < 0
              && !ng_date_compatible (date, &r->from))
            continue;
          if (r->to.precision != NG_DATE_NONE
              && ng_date_compare (date, &r->to) > 0
              && !ng_date_compatible (date, &r->to))
            continue;
        }
      return r;
    }
  return NULL;
}
/* The date of an event whose trigger is token AT: of the sentence's time
 * expressions (src/timex.c) the one nearest the trigger.  Returns TRUE when
 * the sentence has a time expression at all (*OUT may still be NONE when it
 * cannot be resolved or is vague: then no date must be guessed). */
gboolean
xt_find_date (Ctx *c, const NgSentence *s, gboolean planned, guint at,
           NgDate *out)
{
  GArray *tx;
  guint best = G_MAXUINT, dist = G_MAXUINT;

  xt_cache_sentence (c, s);
  if (c->timex[planned] == NULL)
    c->timex[planned] = ng_timex_find (c->gaz, s, c->doc_date,
                                       planned ? NG_TENSE_FUTURE : NG_TENSE_PAST);
  tx = c->timex[planned];
  out->precision = NG_DATE_NONE;
  for (guint i = 0; i < tx->len; i++)
    {
      const NgTimex *x = &g_array_index (tx, NgTimex, i);
      guint d = x->first_token > at ? x->first_token - at
                                    : at - (x->first_token + x->n_tokens - 1);
      /* a resolved expression beats an unresolved one at any distance */
      if (x->value.precision != NG_DATE_NONE)
        d /= 2;
      else
        d += 1000;
      if (d < dist)
        dist = d, best = i;
    }
  if (best == G_MAXUINT)
    return FALSE;
  *out = g_array_index (tx, NgTimex, best).value;
  return TRUE;
}
/* Token index of the token starting at byte START (G_MAXUINT if none). */
guint
xt_token_index (const NgSentence *s, gsize start)
{
  for (guint i = 0; i < s->tokens->len; i++)
    if (ng_sentence_token (s, i)->start >= start)
      return i;
  return G_MAXUINT;
}
const char *
xt_person_country (const NgMention *m, const NgDate *date)
{
  const NgRole *r;
  if (m == NULL || m->entity == NULL)
    return NULL;
  if (m->entity->kind != NG_ENTITY_PERSON)
    return m->entity->country ? m->entity->country : m->entity->wikidata;
  r = xt_role_at (m->entity, NULL, NULL, date);
  if (r == NULL && m->entity->roles->len)
    r = m->entity->roles->pdata[0];
  return r ? r->country : NULL;
}
/* ------------------------------------------------------------- entry */

NgExtraction *
ng_extract (const NgGazetteer *gaz, const NgArticle *article)
{
  NgExtraction *ex = g_new0 (NgExtraction, 1);
  Ctx c = { 0 };

  g_return_val_if_fail (gaz != NULL && article != NULL, ex);

  ex->sentences = ng_segment (ng_article_get_text (article),
                              ng_article_get_length (article));
  ng_segment_languages (gaz, ex->sentences);
  ex->mentions = g_ptr_array_new_with_free_func (mention_free);
  ex->meetings = g_ptr_array_new_with_free_func (xt_meeting_free);
  ex->sanctions = g_ptr_array_new_with_free_func (sanction_free);

  c.gaz = gaz;
  c.article = article;
  c.text = ng_article_get_text (article);
  c.doc_date = ng_article_get_date (article);
  c.ex = ex;
  c.seen = xt_persons_new ();
  c.last_of_entity = g_hash_table_new (NULL, NULL);
  /* keys are names of mentions that live as long as the tables */
  c.counts = g_hash_table_new (g_str_hash, g_str_equal);
  c.all_counts = g_hash_table_new (g_str_hash, g_str_equal);

  /* first pass: the full names of the whole text */
  {
    NgExtraction scratch = { ex->sentences, NULL, NULL, NULL };
    Ctx first = c;
    scratch.mentions = g_ptr_array_new_with_free_func (mention_free);
    first.ex = &scratch;
    first.seen = xt_persons_new ();
    first.last_of_entity = g_hash_table_new (NULL, NULL);
    first.counts = g_hash_table_new (g_str_hash, g_str_equal);
    first.no_short_forms = TRUE;
    for (guint i = 0; i < ex->sentences->len; i++)
      xt_find_entities (&first, ex->sentences->pdata[i]);
    xt_persons_free (first.seen);
    g_hash_table_unref (first.last_of_entity);
    g_hash_table_unref (first.counts);
    c.all_persons = g_ptr_array_new_with_free_func (mention_free);
    for (guint i = 0; i < scratch.mentions->len; i++)
      {
        NgMention *m = scratch.mentions->pdata[i];
        if (m->kind == NG_ENTITY_PERSON && !m->by_role)
          {
            g_hash_table_insert (c.all_counts, m->name,
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (c.all_counts, m->name)) + 1));
            g_ptr_array_add (c.all_persons, g_steal_pointer (&scratch.mentions->pdata[i]));
          }
      }
    g_ptr_array_unref (scratch.mentions);
    /* one entry per person: what short forms before a full name choose from */
    {
      g_autoptr (GHashTable) at = g_hash_table_new (g_str_hash, g_str_equal);
      c.all_distinct = g_ptr_array_new ();
      for (guint i = 0; i < c.all_persons->len; i++)
        {
          NgMention *m = c.all_persons->pdata[i];
          gpointer k;
          if (g_hash_table_lookup_extended (at, m->name, NULL, &k))
            c.all_distinct->pdata[GPOINTER_TO_UINT (k)] = m;
          else
            {
              g_hash_table_insert (at, m->name, GUINT_TO_POINTER (c.all_distinct->len));
              g_ptr_array_add (c.all_distinct, m);
            }
        }
      c.all_by_word = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_ptr_array_unref);
      for (guint i = 0; i < c.all_distinct->len; i++)
        {
          NgMention *m = c.all_distinct->pdata[i];
          index_name (c.all_by_word, m->name, m);
        }
    }
  }

  for (guint i = 0; i < ex->sentences->len; i++)
    {
      const NgSentence *s = ex->sentences->pdata[i];
      guint first = ex->mentions->len;
      xt_find_entities (&c, s);
      if (s->lang != NG_LANG_EN)
        for (guint at = 0; at < s->tokens->len;)
          at = xt_find_meeting (&c, s, first, at);
      if (s->en_to > s->en_from)
        xt_find_meeting_en (&c, s, first);
      xt_find_sanction (&c, s, first);
    }
  xt_cache_sentence (&c, NULL);
  xt_persons_free (c.seen);
  g_hash_table_unref (c.last_of_entity);
  g_hash_table_unref (c.all_by_word);
  g_hash_table_unref (c.counts);
  g_hash_table_unref (c.all_counts);
  g_ptr_array_unref (c.all_distinct);
  g_ptr_array_unref (c.all_persons);
  return ex;
}

