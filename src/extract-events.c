/* extract-events.c — Dutch meetings: one meeting mention per trigger
 * (trigger, participants of the clause, status, place, date), each rule
 * named in its explanation.  The rules live in their modules: triggers and
 * clauses (extract-triggers.c), participants from context
 * (extract-participants.c), place and date (extract-context.c), status
 * (extract-status.c); sanctions are in extract-sanctions.c, English
 * passages in extract-english.c.
 *
 * A meeting mention also draws on its context: pronouns ("ontving hem"),
 * group phrases ("beide leiders"), delegations ("Noord-Koreaanse
 * functionarissen"), a meeting noun or an attendance phrase that refers
 * back to a meeting named before ("het gesprek", "aan tafel zaten ook"),
 * the place of "waar" and "daar" and of an arrival just reported, and
 * dates and places only from the trigger's own clause.  Negated meetings
 * ("er komt geen nieuwe ontmoeting") are none. */
#include "config.h"

#include <string.h>

#include "extract-meeting.h"

/* One meeting mention from the first trigger at or after token FROM (or,
 * for a sentence without one, from an attendance phrase); returns the token
 * where the next trigger's search starts. */
guint
xt_find_meeting (Ctx *c, const NgSentence *s, guint first_mention, guint from_token)
{
  guint n = s->tokens->len;
  const NgLexEntry *trig = NULL, *attend = NULL;
  const NgMeetingMention *ante = NULL;
  NgMeetingMention *mm;
  NgEventStatus status;
  const char *status_word = NULL, *place_why = NULL, *neg, *ante_why = NULL;
  gboolean refined = FALSE, vague = FALSE, scene_date = FALSE;
  gboolean reference = FALSE;
  const NgMeetingMention *rep = NULL;
  g_autofree char *place_note = NULL;
  guint trig_at = 0, width = 1, seg_from = 0, seg_to = n, attend_at = 0, next_at = n;
  const char *ref_status = NULL;
  g_autoptr (GArray) trigs = NULL;
  g_autoptr (GString) who = g_string_new (NULL);
  g_autoptr (GPtrArray) named = g_ptr_array_new ();

  if (!xt_meeting_trigger (c, s, from_token, &trig, &trig_at, &width, &seg_from, &seg_to,
                        &next_at))
    {
      /* "Aan tafel zaten ook X en Y": no trigger, but a meeting named
         before gets more participants */
      gboolean person = FALSE;
      for (guint k = first_mention; k < c->ex->mentions->len; k++)
        person |= ((NgMention *) c->ex->mentions->pdata[k])->kind == NG_ENTITY_PERSON;
      if (from_token > 0 || !person || (trig = xt_attendance (c, s, &attend_at)) == NULL)
        return n;
      attend = trig, trig_at = attend_at, seg_from = 0, seg_to = n;
    }
  if ((neg = xt_negated (c, s, trig_at, trig)))
    return trig_at + width;
  /* "na de top", "in aanloop naar de ontmoeting": spoken of from another
     moment */
  if (g_strcmp0 (trig->value, "noun") == 0)
    for (guint back = 1; back <= 3 && back <= trig_at; back++)
      {
        NgToken *p = ng_sentence_token (s, trig_at - back);
        if (xt_is_kind (c, s, trig_at - back, "meeting-reference"))
          {
            reference = TRUE;
            ref_status = xt_lex_value (c, s, trig_at - back, "meeting-reference");
            if (ref_status && *ref_status == '\0')
              ref_status = NULL;
          }
        if (reference || !p->is_word || p->capitalised)
          break;
      }

  mm = g_new0 (NgMeetingMention, 1);
  mm->participants = g_ptr_array_new ();
  mm->sentence = s->index;
  mm->trigger = g_strdup (trig->phrase);

  /* the persons of the clause, then pronouns, group phrases, delegations */
  for (guint k = first_mention; k < c->ex->mentions->len; k++)
    {
      NgMention *m = c->ex->mentions->pdata[k];
      guint at = xt_token_index (s, m->start);
      if (m->kind != NG_ENTITY_PERSON || at < seg_from || at >= seg_to
          || xt_reports_only (c, s, m, at))
        continue;
      xt_add_participant (mm->participants, m);
    }
  g_ptr_array_extend (named, mm->participants, NULL, NULL);
  for (guint i = seg_from; i < seg_to; i++)
    {
      const NgLexEntry *g = NULL;
      if (xt_is_kind (c, s, i, "first-person"))
        {
          NgMention *m = xt_speaker (c, s);
          if (m && !xt_has_person (mm->participants, m))
            {
              g_string_append_printf (who, "; \"%s\" is %s (the speaker of the quote)",
                                      ng_sentence_token (s, i)->text, m->name);
              xt_add_participant (mm->participants, m);
              xt_add_participant (named, m);
            }
        }
      else if (xt_is_pronoun (c, s, i))
        {
          NgMention *m = xt_pronoun_referent (c, s, i);
          if (m && !xt_has_person (mm->participants, m))
            {
              g_string_append_printf (who, "; \"%s\" is %s (pronoun: the person named before%s)",
                                      ng_sentence_token (s, i)->text, m->name,
                                      xt_is_kind (c, s, i, "object-pronoun")
                                      ? ", not in its own clause" : "");
              xt_add_participant (mm->participants, m);
              xt_add_participant (named, m);
            }
        }
      else if (ng_lex_at (c->gaz, s, i, "group-anaphor", &g)
               /* "de twee landen", "beide partijen": not persons */
               && !xt_is_kind (c, s, i + ng_lex_at (c->gaz, s, i, "group-anaphor", NULL),
                               "group-not-persons"))
        {
          g_autoptr (GPtrArray) none = g_ptr_array_new ();
          const NgMeetingMention *a = xt_antecedent (c, s, none, TRUE);
          if (a)
            {
              for (guint q = 0; q < a->participants->len; q++)
                xt_add_participant (mm->participants, a->participants->pdata[q]);
              g_string_append_printf (who, "; \"%s\" are the participants of meeting %u "
                                      "(group phrase)", g->phrase, xt_meeting_number (c, a));
            }
          else if (xt_last_two (c, s, mm->participants))
            g_string_append_printf (who, "; \"%s\" are the two persons named last (group phrase)",
                                    g->phrase);
        }
      else
        {
          NgMention *d = xt_delegation_at (c, s, i);
          if (d)
            {
              xt_add_participant (mm->participants, d);
              g_string_append_printf (who, "; %s (%s)", d->name, d->explain);
            }
        }
    }

  /* fewer than two: a meeting noun or an attendance phrase refers back to
     a meeting named before ("Poetin noemde het gesprek constructief", "Aan
     tafel zaten ook X en Y"), which brings its participants */
  if (attend == NULL && mm->participants->len < 2)
    attend = xt_attendance (c, s, &attend_at);
  if (mm->participants->len < 2 || attend)
    {
      if (attend)
        ante = xt_antecedent (c, s, named, TRUE), ante_why = "attendance";
      if (ante == NULL && attend)
        {
          g_autoptr (GPtrArray) none = g_ptr_array_new ();
          ante = xt_antecedent (c, s, none, TRUE);
        }
      if (ante == NULL && xt_anaphoric_noun (c, s, trig_at, trig))
        ante = xt_antecedent (c, s, named, FALSE), ante_why = "a meeting noun that refers back";
      if (ante)
        {
          for (guint q = 0; q < ante->participants->len; q++)
            xt_add_participant (mm->participants, ante->participants->pdata[q]);
          g_string_append_printf (who, "; with the participants of meeting %u (sentence %u: %s \"%s\")",
                                  xt_meeting_number (c, ante), ante->sentence + 1, ante_why,
                                  attend ? attend->phrase : trig->phrase);
        }
    }
  /* an attendance without a trigger joins a meeting of its own or the
     previous paragraph, and reports it ("aan tafel zou gaan" does not) */
  if (trig == attend && ante
      && (ante->sentence < s->index
          && ((NgSentence *) c->ex->sentences->pdata[ante->sentence])->paragraph + 1 < s->paragraph))
    ante = NULL;
  if (trig == attend && ante
      && !xt_took_place (xt_meeting_status (c, s, trig_at, trig, &status_word)))
    ante = NULL;
  if (mm->participants->len == 0 || (trig == attend && ante == NULL))
    {
      xt_meeting_free (mm);
      return xt_next_after (seg_to, next_at, trig_at + width);
    }

  status = xt_meeting_status (c, s, trig_at, trig, &status_word);
  if (ref_status && status != NG_STATUS_CANCELLED)
    {
      status = strcmp (ref_status, "Held") == 0 ? NG_STATUS_HELD : NG_STATUS_PLANNED;
      status_word = "the word before the meeting noun";
    }
  mm->status = status;
  trigs = xt_all_triggers (c, s);

  /* place: of the clause; else "daar" or an arrival the sentence before
     reports; else that of the meeting referred back to */
  mm->place = xt_find_place (c, s, first_mention, trig_at, seg_from, seg_to, trigs, &place_why);
  /* a meeting referred back to is where that one is, not where "daar" is */
  if (mm->place == NULL && !reference && ante == NULL)
    {
      const NgSentence *prev = xt_previous_sentence (c, s);
      gboolean daar = FALSE, arrival = FALSE;
      for (guint i = 0; i < n; i++)
        daar |= ng_lex_at (c->gaz, s, i, "place-anaphor", NULL) > 0;
      for (guint i = 0; prev && !daar && i < prev->tokens->len; i++)
        arrival |= xt_gapped_at (c, prev, i, "arrival", 2) != NULL;
      if (prev && prev->paragraph == s->paragraph && (daar || arrival)
          && (mm->place = xt_scene_place (c, prev)))
        place_why = daar ? "\"daar\": where the sentence before is"
                         : "where the sentence before reports an arrival";
      if (daar && mm->place && prev)
        {
          /* "daar" continues the scene: its date too, when the sentence
             has none */
          NgDate d = xt_sentence_date (c, prev);
          gboolean r;
          guint at;
          if (!xt_meeting_date (c, s, !xt_took_place (status), trig_at, trigs, &mm->date, &r, &at)
              && d.precision != NG_DATE_NONE)
            mm->date = d, scene_date = TRUE;
        }
    }
  if (mm->place == NULL && ante && ante->place)
    mm->place = ante->place, place_why = "of the meeting referred back to";

  /* date: of the trigger's clause; a held meeting reported without any date
     expression happened shortly before the report (at month precision the
     document date is what the text supports) unless it refers back to a
     meeting with a date.  A date expression we cannot resolve blocks that
     guess. */
  const char *date_why = "a time expression of the trigger's clause";
  if (scene_date)
    date_why = "of the sentence before (\"daar\")";
  else
    {
      for (guint i = 0; i < n; i++)
        if (ng_lex_is (c->gaz, s, i, "vague-time"))
          vague = TRUE;
      guint at = 0;
      if (xt_meeting_date (c, s, !xt_took_place (status), trig_at, trigs, &mm->date, &refined, &at)
          && (!reference || (at > trig_at && at <= trig_at + 4)))
        {
          if (refined)
            date_why = "the more precise time expression within the nearest one";
        }
      else if (ante && ante->date.precision != NG_DATE_NONE)
        {
          mm->date = ante->date;
          date_why = "of the meeting referred back to";
        }
      else if (xt_took_place (status) && (rep = xt_repeated (c, s, mm)))
        {
          mm->date = rep->date;
          date_why = "of the same meeting told before in the article";
        }
      else
        {
          mm->date.precision = NG_DATE_NONE;
          date_why = reference ? "none (the sentence refers to the meeting from another moment)"
                     : vague ? "none (a vague time word)" : "none in the trigger's clause";
          if (xt_took_place (status) && !vague && !reference
              && c->doc_date->precision != NG_DATE_NONE)
            {
              mm->date = *c->doc_date;
              if (mm->date.precision == NG_DATE_DAY)
                mm->date.precision = NG_DATE_MONTH, mm->date.day = 0;
              date_why = "the document month (held, no date in the sentence)";
            }
        }
    }
  /* the date in a sentence that calls a meeting off is when it was called
     off, not when it was to take place */
  if (status == NG_STATUS_CANCELLED)
    mm->date.precision = NG_DATE_NONE, date_why = "none (called off)";
  place_note = xt_same_event_place (c, s, mm);
  if (place_note)
    place_why = place_note;
  {
    GString *ex = g_string_new (NULL);
    g_autofree char *date = ng_date_to_string (&mm->date);
    if (attend && trig == attend)
      g_string_append_printf (ex, "attendance \"%s\"; participants:", attend->phrase);
    else
      g_string_append_printf (ex, "trigger \"%s\" (%s); participants:", trig->phrase,
                              trig->value ? trig->value : "");
    for (guint k = 0; k < mm->participants->len; k++)
      g_string_append_printf (ex, "%s %s", k ? "," : "",
                              ((NgMention *) mm->participants->pdata[k])->name);
    g_string_append_printf (ex, " (persons of the %s%s); status %s (%s); place %s%s%s%s; date %s (%s)",
                            seg_from > 0 || seg_to < n ? "clause" : "sentence", who->str,
                            ng_event_status_name (status),
                            status_word ? status_word : "no status word: held",
                            mm->place ? mm->place->name : "none",
                            mm->place ? " (" : "", mm->place ? place_why : "",
                            mm->place ? ")" : "",
                            date ? date : "none", date_why);
    mm->explain = g_string_free (ex, FALSE);
  }
  /* told again with nothing new ("Het gesprek duurde vier uur."): one
     mention of one meeting, which says where it was told again */
  {
    NgMeetingMention *o = xt_told_before (c, s, mm);
    if (o)
      {
        char *e = g_strdup_printf ("%s; told again in sentence %u (%s)", o->explain,
                                   s->index + 1, mm->explain);
        g_free (o->explain);
        o->explain = e;
        xt_meeting_free (mm);
        return xt_next_after (seg_to, next_at, trig_at + width);
      }
  }
  g_ptr_array_add (c->ex->meetings, mm);
  return xt_next_after (seg_to, next_at, trig_at + width);
}
