/* extract-events.c — meetings (trigger, participants of the clause,
 * status, place, date) and what is done about sanctions (action, actor,
 * target, imposer), from the mentions of a sentence. */
#include "config.h"

#include <string.h>

#include "extract-private.h"

static guint
persons_in (const Ctx *c, const NgSentence *s, guint from, guint to)
{
  guint n = 0;
  /* this sentence's mentions are the last ones: stop before the others */
  for (guint k = c->ex->mentions->len; k > 0; k--)
    {
      const NgMention *m = c->ex->mentions->pdata[k - 1];
      guint at;
      if (m->sentence < s->index)
        break;
      if (m->sentence != s->index || m->kind != NG_ENTITY_PERSON)
        continue;
      at = xt_token_index (s, m->start);
      n += at >= from && at < to;
    }
  return n;
}
/* The next meeting trigger at or after token FROM and the token range its
 * participants come from.  A trigger noun followed by "tussen"/"van"
 * ("de ontmoeting tussen A en B") takes the names that follow it up to the
 * next clause mark; when a second trigger with two or more names of its own
 * follows ("X zal Y ontmoeten om te praten over de top tussen A en B"), the
 * first trigger's names stop there. */
static gboolean
meeting_trigger (const Ctx *c, const NgSentence *s, guint from,
                 const NgLexEntry **trig, guint *at, guint *seg_from,
                 guint *seg_to)
{
  guint n = s->tokens->len, w = 0, next = n;
  const NgLexEntry *e2 = NULL;

  *trig = NULL;
  for (guint i = from; i < n && *trig == NULL; i++)
    if ((w = ng_lex_at (c->gaz, s, i, "meeting", trig)))
      *at = i;
  if (*trig == NULL)
    return FALSE;
  for (guint i = *at + w; i < n; i++)
    if (ng_lex_at (c->gaz, s, i, "meeting", &e2))
      {
        next = i;
        break;
      }
  *seg_from = from;
  *seg_to = n;
  if (ng_lex_is (c->gaz, s, *at + w, "meeting-of"))
    {
      *seg_from = *at + w;
      for (guint i = *at + w; i < n; i++)
        {
          NgToken *t = ng_sentence_token (s, i);
          if (i >= next || (!t->is_word && !g_str_equal (t->text, "-"))
              || ng_lex_is (c->gaz, s, i, "clause-mark"))
            {
              *seg_to = i;
              break;
            }
        }
      if (persons_in (c, s, *seg_from, *seg_to) == 0)
        *seg_from = from, *seg_to = n;
    }
  else if (next < n && persons_in (c, s, next, n) >= 2
           && persons_in (c, s, from, next) >= 2)
    *seg_to = next;
  return TRUE;
}
/* A person who only reports on the meeting: a spokesperson ("woordvoerder
 * X", or listed as one at the document date) or the source of the report
 * ("volgens X", "aldus X"). */
static gboolean
reports_only (const Ctx *c, const NgSentence *s, const NgMention *m, guint at)
{
  if (at > 0 && ng_lex_is (c->gaz, s, at - 1, "source-marker"))
    return TRUE;
  for (guint w = 1; w <= 4 && w <= at; w++)
    {
      g_autofree char *p = ng_sentence_phrase (s, at - w, w);
      const char *role = p ? ng_gazetteer_role_for_norm (c->gaz, p) : NULL;
      if (role && ng_gazetteer_lexicon (c->gaz, "reporting-role", role))
        return TRUE;
    }
  if (m->entity)
    for (guint i = 0; i < m->entity->roles->len; i++)
      {
        const NgRole *r = m->entity->roles->pdata[i];
        if (ng_gazetteer_lexicon (c->gaz, "reporting-role", r->key)
            && c->doc_date->precision != NG_DATE_NONE
            && xt_role_at (m->entity, r->key, r->country, c->doc_date))
          return TRUE;
      }
  return FALSE;
}
/* One meeting mention from the first trigger at or after token FROM;
 * returns the token where the next trigger's search starts. */
guint
xt_find_meeting (Ctx *c, const NgSentence *s, guint first_mention, guint from_token)
{
  guint n = s->tokens->len;
  const NgLexEntry *trig = NULL;
  NgMeetingMention *mm;
  NgEventStatus status = NG_STATUS_HELD;
  const char *status_word = NULL;

  guint trig_at = 0, seg_from = 0, seg_to = n;
  if (!meeting_trigger (c, s, from_token, &trig, &trig_at, &seg_from, &seg_to))
    return n;

  mm = g_new0 (NgMeetingMention, 1);
  mm->participants = g_ptr_array_new ();
  mm->sentence = s->index;
  mm->trigger = g_strdup (trig->phrase);
  for (guint k = first_mention; k < c->ex->mentions->len; k++)
    {
      NgMention *m = c->ex->mentions->pdata[k];
      gboolean dup = FALSE;
      guint at = xt_token_index (s, m->start);
      if (m->kind != NG_ENTITY_PERSON || at < seg_from || at >= seg_to
          || reports_only (c, s, m, at))
        continue;
      for (guint q = 0; q < mm->participants->len; q++)
        dup |= xt_same_person (mm->participants->pdata[q], m);
      if (!dup)
        g_ptr_array_add (mm->participants, m);
    }
  if (mm->participants->len == 0)
    {
      xt_meeting_free (mm);
      return seg_to;
    }

  /* status: a cancelling word anywhere in the sentence wins; otherwise the
     status word nearest the trigger decides (so "heeft vandaag een
     ontmoeting gehad en de gesprekken zullen voortduren" is held); a verb
     trigger in the infinitive ("hoopt X te ontmoeten") is not held */
  {
    guint best = G_MAXUINT;
    status_word = NULL;
    xt_cache_sentence (c, s);
    if (c->status_hits == NULL)
      {
        c->status_hits = g_array_new (FALSE, FALSE, sizeof (XtHit));
        for (guint i = 0; i < n; i++)
          {
            XtHit h = { i, NULL };
            if (ng_lex_at (c->gaz, s, i, "status", &h.e)
                || xt_lex_split_verb (c, s, i, "status", &h.e))
              g_array_append_val (c->status_hits, h);
          }
      }
    for (guint h = 0; h < c->status_hits->len; h++)
      {
        guint i = g_array_index (c->status_hits, XtHit, h).at;
        const NgLexEntry *st = g_array_index (c->status_hits, XtHit, h).e;
        guint d = i > trig_at ? i - trig_at : trig_at - i;
        if (strcmp (st->value, "Cancelled") == 0)
          {
            status = NG_STATUS_CANCELLED;
            best = 0;
            status_word = st->phrase;
          }
        else if (d < best)
          {
            status = strcmp (st->value, "Held") == 0 ? NG_STATUS_HELD
                                                      : NG_STATUS_PLANNED;
            best = d;
            status_word = st->phrase;
          }
      }
    if (status == NG_STATUS_HELD && best == G_MAXUINT && trig_at > 0
        && g_strcmp0 (trig->value, "verb") == 0
        && ng_lex_is (c->gaz, s, trig_at - 1, "infinitive-mark"))
      status = NG_STATUS_PLANNED, status_word = "infinitive of the verb";
  }
  mm->status = status;

  /* place: a place after a locative preposition ("in Hanoi"), not a
     building used as an actor */
  for (guint k = first_mention; k < c->ex->mentions->len; k++)
    {
      NgMention *m = c->ex->mentions->pdata[k];
      if (m->kind != NG_ENTITY_PLACE)
        continue;
      for (guint i = 0; i < n; i++)
        {
          NgToken *t = ng_sentence_token (s, i);
          if (t->start != m->start)
            continue;
          /* "in Hanoi", "in de grensplaats X", "in het Zwitserse Genève":
             articles, lower-case nouns and adjectives may stand between */
          for (guint back = 1; back <= 3 && back <= i; back++)
            {
              NgToken *p = ng_sentence_token (s, i - back);
              if (p->is_word && ng_gazetteer_lexicon (c->gaz, "locative", p->norm))
                {
                  /* the most specific place of the sentence wins: a city
                     or site over its country */
                  if (mm->place == NULL
                      || (g_strcmp0 (mm->place->entity ? mm->place->entity->type : NULL,
                                     "country") == 0
                          && g_strcmp0 (m->entity ? m->entity->type : NULL,
                                        "country") != 0))
                    mm->place = m;
                  break;
                }
              if (!(p->is_word
                    && (!p->capitalised
                        || ng_gazetteer_lookup_adjective (c->gaz, p->text))))
                break;
            }
        }
    }

  /* A held meeting reported without any date expression happened shortly
     before the report; at month precision the document date is what the
     text supports.  A date expression we cannot resolve blocks that guess. */
  gboolean vague = FALSE;
  const char *date_why = "a time expression of the sentence";
  for (guint i = 0; i < n; i++)
    if (ng_lex_is (c->gaz, s, i, "vague-time"))
      vague = TRUE;
  if (!xt_find_date (c, s, status != NG_STATUS_HELD, trig_at, &mm->date))
    {
      date_why = vague ? "none (a vague time word)" : "none in the sentence";
      if (status == NG_STATUS_HELD && !vague
          && c->doc_date->precision != NG_DATE_NONE)
        {
          mm->date = *c->doc_date;
          if (mm->date.precision == NG_DATE_DAY)
            mm->date.precision = NG_DATE_MONTH, mm->date.day = 0;
          date_why = "the document month (held, no date in the sentence)";
        }
    }
  /* the date in a sentence that calls a meeting off is when it was called
     off, not when it was to take place */
  if (status == NG_STATUS_CANCELLED)
    mm->date.precision = NG_DATE_NONE, date_why = "none (called off)";
  {
    GString *ex = g_string_new (NULL);
    g_autofree char *date = ng_date_to_string (&mm->date);
    g_string_append_printf (ex, "trigger \"%s\" (%s); participants:", trig->phrase,
                            trig->value ? trig->value : "");
    for (guint k = 0; k < mm->participants->len; k++)
      g_string_append_printf (ex, "%s %s", k ? "," : "",
                              ((NgMention *) mm->participants->pdata[k])->name);
    g_string_append_printf (ex, " (persons of the %s); status %s (%s); place %s%s; date %s (%s)",
                            seg_from > 0 || seg_to < n ? "clause" : "sentence",
                            ng_event_status_name (status),
                            status_word ? status_word : "no status word: held",
                            mm->place ? mm->place->name : "none",
                            mm->place ? " (after a locative preposition)" : "",
                            date ? date : "none", date_why);
    mm->explain = g_string_free (ex, FALSE);
  }
  g_ptr_array_add (c->ex->meetings, mm);
  return seg_to;
}
static NgMention *
country_mention (Ctx *c, const NgSentence *s, const char *qid, guint at)
{
  const NgEntity *e = ng_gazetteer_by_wikidata (c->gaz, qid);
  NgToken *t = ng_sentence_token (s, at);
  if (e == NULL || t == NULL)
    return NULL;
  NgMention *m = xt_add_mention (c, s, at, 1, e->kind, e, NULL, TRUE);
  return m;
}
/* A person named as the source of the sentence ("aldus X", "volgens X"):
 * reports what others do, does not act. */
static gboolean
is_source (const Ctx *c, const NgSentence *s, const NgMention *m)
{
  guint at = xt_token_index (s, m->start);
  if (at == G_MAXUINT || at == 0 || !ng_lex_is (c->gaz, s, at - 1, "source-marker"))
    return FALSE;
  /* "... dat kunnen wij niet doen", aldus X: a quote in the first person is
     the source speaking for their own side */
  for (guint i = 0; i < s->tokens->len; i++)
    if (ng_lex_is (c->gaz, s, i, "first-person"))
      return FALSE;
  return TRUE;
}
/* A mention that can act on sanctions: a person, an organisation, or a
 * country or city standing for its government ("Washington dreigt"), but
 * not one governed by a preposition ("in Riyad", "van Assad", "tegen Iran"):
 * those are not the subject of the clause. */
static gboolean
can_act (const Ctx *c, const NgSentence *s, const NgMention *m)
{
  guint at = xt_token_index (s, m->start);
  if (m->sentence != s->index || at == G_MAXUINT)
    return FALSE;
  if (m->kind == NG_ENTITY_PLACE
      && !(m->entity && (g_strcmp0 (m->entity->type, "country") == 0
                         || g_strcmp0 (m->entity->type, "city") == 0)))
    return FALSE;
  /* "in de badplaats X", "tegen het regime van X": a preposition up to two
     lower-case words before */
  if (at >= 1 && ng_lex_is (c->gaz, s, at - 1, "preposition"))
    return FALSE;
  for (guint back = 2; back <= 3 && back <= at; back++)
    {
      NgToken *p = ng_sentence_token (s, at - back + 1);
      /* preposition, determiner, at most one lower-case word, name */
      if (!p->is_word || p->capitalised || g_unichar_isdigit (g_utf8_get_char (p->text)))
        break;
      if (ng_lex_is (c->gaz, s, at - back + 1, "determiner")
          && ng_lex_is (c->gaz, s, at - back, "preposition"))
        return FALSE;
    }
  return !is_source (c, s, m);
}

/* "hij"/"zij" as the subject: the person named last before this sentence. */
static NgMention *
pronoun_person (Ctx *c, const NgSentence *s, guint from, guint to,
                guint first_mention)
{
  for (guint i = from; i < to && i < s->tokens->len; i++)
    if (ng_lex_is (c->gaz, s, i, "subject-pronoun"))
      for (guint k = first_mention; k > 0; k--)
        {
          NgMention *m = c->ex->mentions->pdata[k - 1];
          if (m->kind == NG_ENTITY_PERSON)
            return m;
        }
  return NULL;
}

/* "de regering-Biden", "het kabinet-Rutte": the government of a person's
 * country, found in tokens [FROM, TO) of S. */
static NgMention *
government_compound (Ctx *c, const NgSentence *s, guint from, guint to)
{
  for (guint i = from; i < to && i < s->tokens->len; i++)
    {
      NgToken *t = ng_sentence_token (s, i);
      const char *dash = t->is_word ? strchr (t->text, '-') : NULL;
      g_autofree char *head = NULL;
      const char *q = NULL;
      if (dash == NULL || !g_unichar_isupper (g_utf8_get_char (dash + 1)))
        continue;
      head = g_strndup (t->text, (gsize) (dash - t->text));
      if (!ng_gazetteer_lexicon (c->gaz, "government", head))
        continue;
      for (guint k = c->ex->mentions->len; k > 0 && q == NULL; k--)
        {
          const NgMention *m = c->ex->mentions->pdata[k - 1];
          g_autofree char *w = ng_normalize_name (dash + 1);
          g_autofree char *n = m->kind == NG_ENTITY_PERSON ? ng_normalize_name (m->name) : NULL;
          if (n && (g_str_has_suffix (n, w) || strcmp (n, w) == 0))
            q = xt_person_country (m, c->doc_date);
        }
      if (q == NULL)
        {
          g_autofree char *w = ng_normalize_name (dash + 1);
          const GPtrArray *l = ng_gazetteer_lookup (c->gaz, w);
          if (l && l->len == 1 && ((NgEntity *) l->pdata[0])->kind == NG_ENTITY_PERSON)
            {
              NgMention tmp = { .entity = l->pdata[0] };
              q = xt_person_country (&tmp, c->doc_date);
            }
        }
      if (q)
        {
          NgMention *m = country_mention (c, s, q, i);
          xt_explain (m, "government compound \"%s\"", t->text);
          return m;
        }
    }
  return NULL;
}

/* The acting mentions of a sanction sentence, in [FROM, TO): the first one
 * that can act (the subject comes first in a Dutch clause, or right after
 * the finite verb), plus those coordinated with it ("de VS en de EU"). */
static void
actors_in (Ctx *c, const NgSentence *s, guint first_mention, gsize from,
           gsize to, const NgMention *target, GPtrArray *out)
{
  for (guint k = first_mention; k < c->ex->mentions->len; k++)
    {
      NgMention *m = c->ex->mentions->pdata[k];
      if (m->start < from || m->start >= to || m == target
          || (target && m->entity && m->entity == target->entity)
          || !can_act (c, s, m))
        continue;
      if (out->len > 0)
        {
          /* only a mention joined by "en" to the previous actor */
          NgMention *prev = out->pdata[out->len - 1];
          guint a = xt_token_index (s, prev->end), b = xt_token_index (s, m->start);
          gboolean joined = FALSE;
          for (guint i = a; i < b && a != G_MAXUINT; i++)
            if (ng_lex_is (c->gaz, s, i, "coordination"))
              joined = TRUE;
            else if (ng_sentence_token (s, i)->is_word
                     && ng_sentence_token (s, i)->capitalised)
              joined = FALSE;
          if (!joined || b > a + 3 || m->kind == NG_ENTITY_PERSON
              || prev->kind == NG_ENTITY_PERSON)
            break;
        }
      g_ptr_array_add (out, m);
    }
}

void
xt_find_sanction (Ctx *c, const NgSentence *s, guint first_mention)
{
  guint n = s->tokens->len, noun_at = G_MAXUINT;
  const NgLexEntry *act = NULL;
  guint act_at = 0, demand_at = G_MAXUINT;
  gboolean refuse = FALSE;
  NgMention *target = NULL, *imposer = NULL;
  const char *target_why = NULL, *imposer_why = NULL, *actor_why = NULL;
  g_autoptr (GPtrArray) actors = g_ptr_array_new ();
  /* verbs before adjectives: "dreigt met strengere sancties" threatens */
  static const char *const pref[] = { "Lift", "Ease", "Threaten", "Tighten", "Impose" };

  for (guint i = 0; i < n && noun_at == G_MAXUINT; i++)
    {
      NgToken *t = ng_sentence_token (s, i);
      const char *dash;
      if (ng_lex_at (c->gaz, s, i, "sanction", NULL))
        noun_at = i;
      /* "de maatregelen" refers back to sanctions named before */
      else if (c->last_target && ng_lex_at (c->gaz, s, i, "sanction-anaphor", NULL))
        noun_at = i;
      /* "VN-sancties", "EU-sancties" */
      else if (t->is_word && (dash = strrchr (t->text, '-'))
               && ng_gazetteer_lexicon (c->gaz, "sanction", dash + 1))
        {
          g_autofree char *pre = g_strndup (t->text, (gsize) (dash - t->text));
          const GPtrArray *l = ng_gazetteer_lookup (c->gaz, pre);
          noun_at = i;
          if (l && l->len == 1)
            {
              imposer = xt_add_mention (c, s, i, 1, ((NgEntity *) l->pdata[0])->kind,
                                        l->pdata[0], NULL, TRUE);
              xt_explain (imposer, "prefix of the compound \"%s\"", t->text);
              imposer_why = "prefix of the sanction compound";
            }
        }
    }
  if (noun_at == G_MAXUINT)
    return;

  {
    guint best = G_N_ELEMENTS (pref);
    for (guint i = 0; i < n; i++)
      {
        const NgLexEntry *e = NULL;
        if (!(ng_lex_at (c->gaz, s, i, "sanction-action", &e)
              || xt_lex_split_verb (c, s, i, "sanction-action", &e)))
          continue;
        for (guint p = 0; p < best; p++)
          if (strcmp (e->value, pref[p]) == 0)
            {
              best = p, act = e, act_at = i;
              break;
            }
      }
  }
  for (guint i = 0; i < n; i++)
    {
      if (demand_at == G_MAXUINT && ng_lex_at (c->gaz, s, i, "demand", NULL))
        demand_at = i;
      if (ng_lex_at (c->gaz, s, i, "refuse", NULL))
        refuse = TRUE;
    }

  /* imposer: a country adjective right before the noun ("Amerikaanse
     sancties"); target: what follows "tegen" */
  if (imposer == NULL && noun_at > 0)
    {
      const NgEntity *e = ng_gazetteer_lookup_adjective (c->gaz, ng_sentence_token (s, noun_at - 1)->text);
      if (e)
        {
          imposer = country_mention (c, s, e->wikidata, noun_at - 1);
          xt_explain (imposer, "country adjective before the sanction noun");
          imposer_why = "country adjective before the sanction noun";
        }
    }
  for (guint i = noun_at; i < n && i < noun_at + 4; i++)
    {
      NgToken *t = ng_sentence_token (s, i);
      if (!(t->is_word && g_ascii_strcasecmp (t->text, "tegen") == 0))
        continue;
      for (guint k = first_mention; k < c->ex->mentions->len; k++)
        {
          NgMention *m = c->ex->mentions->pdata[k];
          if (m->start > t->start && m->kind != NG_ENTITY_PERSON)
            {
              target = m;
              target_why = "named after \"tegen\"";
              break;
            }
        }
      if (target == NULL)
        {
          /* "tegen zijn/haar land": the country of the actor */
          NgToken *a = ng_sentence_token (s, i + 1), *b = ng_sentence_token (s, i + 2);
          if (a && b && (g_ascii_strcasecmp (a->text, "zijn") == 0
                         || g_ascii_strcasecmp (a->text, "haar") == 0)
              && g_ascii_strcasecmp (b->text, "land") == 0)
            {
              for (guint k = c->ex->mentions->len; k > first_mention; k--)
                {
                  NgMention *m = c->ex->mentions->pdata[k - 1];
                  if (m->kind == NG_ENTITY_PERSON && m->start < t->start)
                    {
                      const char *q = xt_person_country (m, c->doc_date);
                      if (q)
                        target = country_mention (c, s, q, i + 2);
                      target_why = "\"tegen zijn land\": the country of the person";
                      break;
                    }
                }
            }
        }
      break;
    }

  /* actor: in a demand ("X eist dat de EU de sancties opheft") the one who
     demands, and whoever is to lift them imposes; otherwise the subject
     before the action, else right after the finite verb ("In 2016 hieven
     de VS de sancties op"), else "hij"/"zij" of the previous sentence */
  {
    guint anchor_tok = act ? act_at : noun_at;
    gsize anchor = ng_sentence_token (s, anchor_tok)->start;
    gboolean demand = demand_at != G_MAXUINT && act != NULL
                      && strcmp (act->value, "Lift") == 0;
    if (demand && demand_at < anchor_tok
        && (actors_in (c, s, first_mention, 0, ng_sentence_token (s, demand_at)->start,
                       target, actors), actors->len > 0
            || pronoun_person (c, s, 0, demand_at, first_mention)))
      {
        gsize d = ng_sentence_token (s, demand_at)->start;
        g_autoptr (GPtrArray) lifters = g_ptr_array_new ();
        if (actors->len == 0)
          g_ptr_array_add (actors, pronoun_person (c, s, 0, demand_at, first_mention));
        /* "…, doordat X erop stond dat …": the subject of a demand verb
           stands right before it in a subordinate clause */
        while (actors->len > 1)
          g_ptr_array_remove_index (actors, 0);
        {
          NgMention *last = NULL;
          for (guint k = first_mention; k < c->ex->mentions->len; k++)
            {
              NgMention *m = c->ex->mentions->pdata[k];
              if (m->start < d && m != target && can_act (c, s, m))
                last = m;
            }
          if (last)
            actors->pdata[0] = last;
        }
        actor_why = "subject of the demand verb";
        actors_in (c, s, first_mention, d, anchor, target, lifters);
        if (imposer == NULL && lifters->len == 1
            && ((NgMention *) lifters->pdata[0])->kind != NG_ENTITY_PERSON)
          {
            imposer = lifters->pdata[0];
            imposer_why = "who is asked to lift them";
          }
      }
    else
      {
        g_ptr_array_set_size (actors, 0);
        actors_in (c, s, first_mention, 0, anchor, target, actors);
        actor_why = "subject before the action";
        if (actors->len == 0)
          {
            NgMention *m = pronoun_person (c, s, 0, anchor_tok, first_mention);
            if (m)
              g_ptr_array_add (actors, m), actor_why = "pronoun: the person named last";
          }
        if (actors->len == 0)
          {
            NgMention *m = government_compound (c, s, 0, n);
            if (m)
              g_ptr_array_add (actors, m), actor_why = "government compound";
          }
        if (actors->len == 0 && act)
          {
            gsize end = ng_sentence_token (s, n - 1)->end;
            actors_in (c, s, first_mention, anchor, end, target, actors);
            actor_why = "subject after the finite verb";
          }
      }
    /* a sentence that names a regime without an act has no actors */
    if (act == NULL)
      g_ptr_array_set_size (actors, 0);
  }

  if (target == NULL)
    {
      /* otherwise a country named in the sentence that is not the imposer,
         not an actor and not an actor's country */
      for (guint k = first_mention; k < c->ex->mentions->len && target == NULL; k++)
        {
          NgMention *m = c->ex->mentions->pdata[k];
          gboolean own = FALSE;
          if (!(m->kind == NG_ENTITY_PLACE && m->entity
                && g_strcmp0 (m->entity->type, "country") == 0
                && (imposer == NULL || imposer->entity != m->entity)))
            continue;
          for (guint a = 0; a < actors->len; a++)
            {
              NgMention *x = actors->pdata[a];
              own |= x == m || x->entity == m->entity
                     || g_strcmp0 (xt_person_country (x, c->doc_date), m->entity->wikidata) == 0;
            }
          if (!own)
            target = m, target_why = "the country the sentence names";
        }
    }
  /* "de sancties" without a target continues the sanctions named before */
  if (target == NULL && c->last_target)
    target = c->last_target, target_why = "the target of the sanctions named before";
  if (target == NULL)
    return;
  c->last_target = target;

  for (guint a = 0; a < MAX (actors->len, 1); a++)
    {
      NgMention *actor = a < actors->len ? actors->pdata[a] : NULL;
      NgSanctionMention *sm = g_new0 (NgSanctionMention, 1);
      const char *why_imp = imposer_why;
      GString *ex = g_string_new (NULL);

      if (actor && (actor->entity == target->entity && actor->entity))
        {
          g_string_free (ex, TRUE);
          g_free (sm);
          continue;
        }
      sm->sentence = s->index;
      sm->target = target;
      sm->imposer = imposer;
      sm->actor = actor;
      xt_find_date (c, s, FALSE, act ? act_at : noun_at, &sm->date);
      if (act)
        {
          static const struct { const char *v; NgSanctionAction a; } map[] = {
            { "Impose", NG_ACTION_IMPOSE }, { "Lift", NG_ACTION_LIFT },
            { "Ease", NG_ACTION_EASE }, { "Tighten", NG_ACTION_TIGHTEN },
            { "Threaten", NG_ACTION_THREATEN },
          };
          sm->has_action = TRUE;
          for (guint i = 0; i < G_N_ELEMENTS (map); i++)
            if (strcmp (act->value, map[i].v) == 0)
              sm->action = map[i].a;
          if (sm->action == NG_ACTION_LIFT && refuse)
            sm->action = NG_ACTION_REFUSE_LIFT;
          else if (sm->action == NG_ACTION_LIFT && demand_at != G_MAXUINT)
            sm->action = NG_ACTION_DEMAND_LIFT;
          sm->trigger = g_strdup (act->phrase);
          if (sm->action != NG_ACTION_DEMAND_LIFT && sm->imposer == NULL && actor)
            {
              /* whoever imposes, lifts, eases, tightens, refuses to lift or
                 threatens acts for the imposing side: an organisation or
                 country itself, a city's or a person's country, when it is
                 not the target */
              if (actor->kind == NG_ENTITY_ORGANISATION
                  || (actor->entity && g_strcmp0 (actor->entity->type, "country") == 0))
                sm->imposer = actor, why_imp = "the actor itself";
              else
                {
                  const char *q = xt_person_country (actor, c->doc_date);
                  if (q && (target->entity == NULL || g_strcmp0 (target->entity->wikidata, q) != 0))
                    {
                      sm->imposer = country_mention (c, s, q, act_at);
                      xt_explain (sm->imposer, "country of %s", actor->name);
                      why_imp = "the actor's country";
                    }
                }
            }
        }
      if (sm->actor == NULL && sm->has_action)
        sm->has_action = FALSE;
      if (sm->has_action)
        g_string_append_printf (ex, "action %s (\"%s\"%s%s); actor %s (%s); ",
                                ng_sanction_action_name (sm->action), act->phrase,
                                refuse ? ", refusal" : "",
                                demand_at != G_MAXUINT ? ", demand" : "",
                                actor->name, actor_why);
      else
        g_string_append (ex, "sanction regime, no act with an actor; ");
      g_string_append_printf (ex, "target %s (%s)", target->name, target_why);
      if (sm->imposer)
        g_string_append_printf (ex, "; imposer %s (%s)", sm->imposer->name,
                                why_imp ? why_imp : "");
      sm->explain = g_string_free (ex, FALSE);
      g_ptr_array_add (c->ex->sanctions, sm);
    }
}
