/* extract-persons.c — persons, places and organisations of a sentence:
 * listed names and aliases, role phrases resolved at the document date,
 * unlisted names after a role, and short forms ("Trump", "Kim") resolved
 * to a person named before by recency, salience and role. */
#include "config.h"

#include <string.h>

#include "extract-private.h"

/* Token K of S is a name particle (van, de, der, ten). */
static gboolean
is_particle (const Ctx *c, const NgSentence *s, guint k)
{
  NgToken *t = ng_sentence_token (s, k);
  return t && t->is_word && !t->capitalised
         && ng_lex_is (c->gaz, s, k, "particle");
}
/* The person holding ROLE of COUNTRY at the document date: someone the
 * article already named if they hold it, else the only listed holder. */
static const NgEntity *
holder_of (const Ctx *c, const char *role, const char *country)
{
  const GPtrArray *all = ng_gazetteer_entities (c->gaz);
  const NgEntity *found = NULL;

  if (c->doc_date->precision == NG_DATE_NONE || country == NULL)
    return NULL;
  {
    /* the most recently named holder */
    const XtPerson *best = NULL;
    for (guint i = 0; i < c->seen->listed->len; i++)
      {
        const XtPerson *p = c->seen->listed->pdata[i];
        if ((best == NULL || p->seq > best->seq)
            && xt_role_at (p->latest->entity, role, country, c->doc_date))
          best = p;
      }
    if (best)
      return best->latest->entity;
  }
  for (guint i = 0; i < all->len; i++)
    {
      const NgEntity *e = all->pdata[i];
      if (e->kind == NG_ENTITY_PERSON && xt_role_at (e, role, country, c->doc_date))
        {
          if (found)
            return NULL;  /* ambiguous at month precision: say nothing */
          found = e;
        }
    }
  return found;
}
/* Country QID from a role phrase: an adjective before it ("Amerikaanse
 * president") or "van <country>" after it.  *AFTER is set past the phrase. */
static const char *
role_country (const Ctx *c, const NgSentence *s, guint i, guint w, guint *after)
{
  NgToken *prev = i > 0 ? ng_sentence_token (s, i - 1) : NULL;
  *after = i + w;
  if (prev && prev->is_word)
    {
      const NgEntity *e = ng_gazetteer_lookup_adjective (c->gaz, prev->text);
      if (e)
        return e->country ? e->country : e->wikidata;
    }
  NgToken *van = ng_sentence_token (s, i + w);
  if (van && g_ascii_strcasecmp (van->text, "van") == 0)
    {
      guint mw = ng_gazetteer_max_words (c->gaz);
      for (guint k = MIN (mw, 4); k >= 1; k--)
        {
          const GPtrArray *l = ng_sentence_entities (c->gaz, s, i + w + 1, k);
          if (l && l->len == 1)
            {
              const NgEntity *e = l->pdata[0];
              if (e->kind == NG_ENTITY_PLACE && g_strcmp0 (e->type, "country") == 0)
                {
                  *after = i + w + 1 + k;
                  return e->wikidata;
                }
            }
        }
    }
  return NULL;
}
/* Picks one entity of an ambiguous alias: the one this article already
 * mentioned, else a person over a place over an organisation if unique. */
static const NgEntity *
choose (const Ctx *c, const GPtrArray *list)
{
  const NgEntity *best = NULL;
  guint best_at = 0;
  if (list->len == 1)
    return list->pdata[0];
  /* the one mentioned last */
  for (guint k = 0; k < list->len; k++)
    {
      guint at = GPOINTER_TO_UINT (g_hash_table_lookup (c->last_of_entity, list->pdata[k]));
      if (at > best_at)
        best = list->pdata[k], best_at = at;
    }
  return best;
}
/* How often the text names this person: full names anywhere in the text
 * (first pass) plus the mentions found so far.  The salience that decides
 * between people who share a short form. */
static guint
salience (const Ctx *c, const NgMention *p)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (c->all_counts, p->name))
         + GPOINTER_TO_UINT (g_hash_table_lookup (c->counts, p->name));
}
/* TRUE when the person leads a state or government at the document date
 * (lexicon kind head-role), the peers a head of state meets. */
static gboolean
is_head (const Ctx *c, const NgMention *m)
{
  if (m == NULL || m->entity == NULL)
    return FALSE;
  for (guint i = 0; i < m->entity->roles->len; i++)
    {
      const NgRole *r = m->entity->roles->pdata[i];
      if (ng_gazetteer_lexicon (c->gaz, "head-role", r->key)
          && xt_role_at (m->entity, r->key, r->country, c->doc_date))
        return TRUE;
    }
  return FALSE;
}
/* The person named shortly before token I and joined to it by "en"/"met"
 * ("Trump en Kim", "Moon wil opnieuw met Kim praten"), or NULL. */
static const NgMention *
coordinated_with (const Ctx *c, const NgSentence *s, guint i)
{
  NgToken *conj = i > 0 ? ng_sentence_token (s, i - 1) : NULL;
  gsize from;
  if (conj == NULL || !ng_lex_is (c->gaz, s, i - 1, "coordination"))
    return NULL;
  from = ng_sentence_token (s, i >= 4 ? i - 4 : 0)->start;
  for (guint k = c->ex->mentions->len; k > 0; k--)
    {
      const NgMention *m = c->ex->mentions->pdata[k - 1];
      if (m->sentence != s->index || m->start < from)
        return NULL;
      if (m->kind == NG_ENTITY_PERSON && m->end <= conj->start)
        return m;
    }
  return NULL;
}
static gint
by_recency (gconstpointer a, gconstpointer b)
{
  const XtPerson *p = *(const XtPerson * const *) a, *q = *(const XtPerson * const *) b;
  return p->seq < q->seq ? 1 : p->seq > q->seq ? -1 : 0;
}
/* A capitalised word (token I of S) that shortens a person's name ("Trump",
 * "Kim").  Candidates are the persons whose name has that word, named before
 * or, when nobody was, later in the text (headlines and openings use the
 * short form first).  Among several: not one named in full in this very
 * sentence (a writer does not shorten a name just spelled out); when the
 * word is coordinated with a head of state ("Trump en Kim"), a head of
 * state; the one named in this or the previous sentence; else the most
 * salient, the most recent on a tie.  Never a new person. */
static const NgMention *
short_form (const Ctx *c, const NgSentence *s, guint i)
{
  NgToken *t = ng_sentence_token (s, i);
  const char *w = t->norm ? t->norm : "";
  g_autoptr (GPtrArray) cands = g_ptr_array_new ();
  const GPtrArray *named;
  const NgMention *best = NULL, *peer;
  guint best_score = 0;

  if (c->no_short_forms)
    return NULL;
  /* the persons whose name has the word, most recent first */
  named = g_hash_table_lookup (c->seen->by_word, w);
  if (named)
    {
      g_autoptr (GPtrArray) ps = g_ptr_array_copy ((GPtrArray *) named, NULL, NULL);
      g_ptr_array_sort (ps, by_recency);
      for (guint k = 0; k < ps->len; k++)
        g_ptr_array_add (cands, ((XtPerson *) ps->pdata[k])->latest);
    }
  named = c->all_by_word ? g_hash_table_lookup (c->all_by_word, w) : NULL;
  if (cands->len == 0 && named)
    for (guint k = 0; k < named->len; k++)
      {
        const NgMention *m = named->pdata[k];
        gboolean dup = FALSE;
        if (m->start <= t->start)
          continue;
        for (guint q = 0; q < cands->len; q++)
          dup |= xt_same_person (cands->pdata[q], m);
        if (!dup)
          g_ptr_array_add (cands, (gpointer) m);
      }
  if (cands->len <= 1)
    return cands->len ? cands->pdata[0] : NULL;

  peer = coordinated_with (c, s, i);
  for (guint q = 0; q < cands->len; q++)
    {
      const NgMention *m = cands->pdata[q];
      guint score = 1;
      gboolean named_here = FALSE;
      for (guint k = c->ex->mentions->len; k > 0; k--)
        {
          const NgMention *o = c->ex->mentions->pdata[k - 1];
          if (o->sentence < s->index)
            break;
          if (o->sentence == s->index && xt_same_person (o, m)
              && strlen (o->surface) > strlen (t->text))
            named_here = TRUE;
        }
      if (named_here)
        continue;
      if (is_head (c, peer) && is_head (c, m) && !xt_same_person (peer, m))
        score += 10000;
      if (m->sentence + 1 >= s->index && m->start < t->start)
        score += 1000;
      score += salience (c, m);
      if (score > best_score)
        best = m, best_score = score;
    }
  return best ? best : cands->pdata[0];
}

/* Token K is an initial: one upper-case letter and a period ("J."). */
static gboolean
initial_at (const NgSentence *s, guint k)
{
  NgToken *t = ng_sentence_token (s, k), *dot = ng_sentence_token (s, k + 1);
  return t && dot && t->is_word && t->capitalised && g_utf8_strlen (t->text, -1) == 1
         && strcmp (dot->text, ".") == 0;
}

void
xt_find_entities (Ctx *c, const NgSentence *s)
{
  guint n = s->tokens->len;
  guint maxw = MAX (ng_gazetteer_max_words (c->gaz), 1);

  for (guint i = 0; i < n;)
    {
      NgToken *t = ng_sentence_token (s, i);
      gboolean done = FALSE;

      if (!t->is_word)
        {
          i++;
          continue;
        }

      /* most words start no reference phrase: skip the lookups */
      gboolean may = ng_sentence_starts_phrase (c->gaz, s, i);
      guint width = may ? t->width1 - 1 : 0;
      /* the windows starting here, walked once for all the lookups below */
      guint nodes[8];
      if (may)
        ng_sentence_phrase_nodes (c->gaz, s, i, G_N_ELEMENTS (nodes), nodes);
#define NODE(w) ((w) <= G_N_ELEMENTS (nodes) ? nodes[(w) - 1] \
                 : ng_sentence_phrase_node (c->gaz, s, i, (w)))

      /* role phrase: "de Amerikaanse president", "minister van ..." */
      for (guint w = MIN (4, width); w >= 1 && !done && may; w--)
        {
          const char *role = ng_gazetteer_phrase_role (c->gaz, NODE (w));
          g_autofree char *p = NULL;
          guint after;
          const char *country;
          NgToken *next;

          if (role == NULL)
            continue;
          p = ng_sentence_phrase (s, i, w);
          country = role_country (c, s, i, w, &after);
          next = ng_sentence_token (s, after);
          if (next && next->is_word && next->capitalised)
            {
              /* a name follows: listed names are found below; an unlisted
                 name of two or more words becomes a person */
              guint k = after, caps = 0;
              while (k < n)
                {
                  NgToken *x = ng_sentence_token (s, k);
                  if (x->is_word && x->capitalised)
                    caps++;
                  else if (!is_particle (c, s, k)
                           || !(ng_sentence_token (s, k + 1) && ng_sentence_token (s, k + 1)->capitalised))
                    break;
                  k++;
                }
              gboolean listed = FALSE;
              for (guint ww = MIN (maxw, k - after); ww >= 1; ww--)
                {
                  if (ng_sentence_entities (c->gaz, s, after, ww))
                    listed = TRUE;
                }
              if (!listed && caps >= 2
                  && !short_form (c, s, after))
                {
                  /* keep the last two capitalised words and the particles
                     in between ("Ingrid van der Berg") */
                  guint start = k - 1, seen = 0;
                  while (start > after)
                    {
                      NgToken *x = ng_sentence_token (s, start);
                      if (x->capitalised && ++seen == 2)
                        break;
                      start--;
                    }
                  while (start > after && is_particle (c, s, start - 1))
                    start--;
                  GString *name = g_string_new (NULL);
                  for (guint q = start; q < k; q++)
                    {
                      if (name->len)
                        g_string_append_c (name, ' ');
                      g_string_append (name, ng_sentence_token (s, q)->text);
                    }
                  xt_explain (xt_add_mention (c, s, start, k - start, NG_ENTITY_PERSON,
                                              NULL, name->str, FALSE),
                              "unlisted name after the role phrase \"%s\"", p);
                  g_string_free (name, TRUE);
                  i = k;
                  done = TRUE;
                }
              else
                {
                  i = after;
                  done = TRUE;
                }
            }
          else if (country)
            {
              const NgEntity *h = holder_of (c, role, country);
              if (h)
                xt_explain (xt_add_mention (c, s, i, after - i, NG_ENTITY_PERSON, h,
                                            NULL, TRUE),
                            "role phrase \"%s\" (%s of %s) held at the document date",
                            p, role, country);
              i = after;
              done = TRUE;
            }
        }
      if (done)
        continue;

      /* a first name, middle initials and a surname: "Donald J. Trump",
         "George H. W. Bush" are the listed "Donald Trump", "George Bush" */
      if (t->capitalised && i + 3 < n && initial_at (s, i + 1))
        {
          guint k = i + 1;
          while (k + 2 < n && initial_at (s, k))
            k += 2;
          for (guint w = MIN (2, n - k); w >= 1 && !done && ng_sentence_token (s, k)->capitalised; w--)
            {
              g_autofree char *surname = ng_sentence_phrase (s, k, w);
              g_autofree char *name = g_strconcat (t->text, " ", surname, NULL);
              const GPtrArray *list = ng_gazetteer_lookup (c->gaz, name);
              const NgEntity *e = list ? choose (c, list) : NULL;
              if (e == NULL || e->kind != NG_ENTITY_PERSON)
                continue;
              xt_explain (xt_add_mention (c, s, i, k + w - i, e->kind, e, NULL, FALSE),
                          "listed person \"%s\" with middle initials", e->name);
              i = k + w;
              done = TRUE;
            }
          if (done)
            continue;
        }

      /* listed names and aliases, longest first */
      for (guint w = MIN (MIN (maxw, width), n - i); w >= 1 && !done && may; w--)
        {
          g_autofree char *p = NULL;
          const GPtrArray *list;
          const NgEntity *e;

          if (w == 1 && !t->capitalised)
            break;
          list = ng_gazetteer_phrase_entities (c->gaz, NODE (w));
          if (list == NULL)
            continue;
          /* a capitalised word right after must not be cut off
             ("Kim" of "Kim Yo-jong" is not "Kim Jong-un") */
          e = choose (c, list);
          if (e == NULL)
            continue;
          p = ng_sentence_phrase (s, i, w);
          xt_explain (xt_add_mention (c, s, i, w, e->kind, e, NULL, FALSE),
                      "listed %s \"%s\"%s", e->kind == NG_ENTITY_PERSON ? "person"
                      : e->kind == NG_ENTITY_PLACE ? "place" : "organisation", p,
                      list->len > 1 ? " (ambiguous: the one named before)" : "");
          i += w;
          done = TRUE;
        }
      if (done)
        continue;

      /* short forms of persons named before */
      if (t->capitalised)
        {
          const NgMention *m = short_form (c, s, i);
          if (m)
            {
              xt_explain (xt_add_mention (c, s, i, 1, NG_ENTITY_PERSON, m->entity,
                                          m->name, FALSE),
                          "short form of %s (named in sentence %u)", m->name,
                          m->sentence + 1);
              i++;
              continue;
            }
        }
      i++;
    }
#undef NODE
}
