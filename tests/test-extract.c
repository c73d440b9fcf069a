#include "config.h"
#include <string.h>
#include "nieuwsgraaf/extract.h"
#include "test-util.h"

static NgExtraction *
run (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NgArticle) a = ng_article_new_from_data ("t.txt", text, strlen (text), &error);
  g_assert_no_error (error);
  return ng_extract (ng_test_gazetteer (), a);
}

static gboolean
has_participant (const NgMeetingMention *m, const char *name)
{
  for (guint i = 0; i < m->participants->len; i++)
    if (g_strcmp0 (((NgMention *) m->participants->pdata[i])->name, name) == 0)
      return TRUE;
  return FALSE;
}

static guint
count_persons (NgExtraction *ex, const char *name)
{
  guint n = 0;
  for (guint i = 0; i < ex->mentions->len; i++)
    {
      NgMention *m = ex->mentions->pdata[i];
      if (m->kind == NG_ENTITY_PERSON && g_strcmp0 (m->name, name) == 0)
        n++;
    }
  return n;
}

static void
test_meeting_basic (void)
{
  g_autoptr (NgExtraction) ex = run (" date 2019-02 De Amerikaanse president Donald Trump "
                                     "ontmoette Kim Jong-un in Hanoi. Trump en Kim lachten.");
  NgMeetingMention *m;
  g_autofree char *d = NULL;
  g_assert_cmpuint (ex->meetings->len, ==, 1);
  m = ex->meetings->pdata[0];
  g_assert_true (has_participant (m, "Donald Trump"));
  g_assert_true (has_participant (m, "Kim Jong-un"));
  g_assert_cmpuint (m->participants->len, ==, 2);
  g_assert_nonnull (m->place);
  g_assert_cmpstr (m->place->name, ==, "Hanoi");
  g_assert_cmpint (m->status, ==, NG_STATUS_HELD);
  d = ng_date_to_string (&m->date);
  g_assert_cmpstr (d, ==, "2019-02");
  /* the short forms in the second sentence are the same two persons */
  g_assert_cmpuint (count_persons (ex, "Donald Trump"), ==, 2);
  g_assert_cmpuint (count_persons (ex, "Kim Jong-un"), ==, 2);
}

static void
test_middle_initials (void)
{
  /* "Donald J. Trump" is the listed Donald Trump, one mention; an initial
     before a name nobody lists stays apart */
  g_autoptr (NgExtraction) ex = run (" date 2019-06 Donald J. Trump sprak in Osaka met "
                                     "Xi Jinping. Later belde Pieter J. Smit.");
  g_assert_cmpuint (count_persons (ex, "Donald Trump"), ==, 1);
  for (guint i = 0; i < ex->mentions->len; i++)
    {
      NgMention *m = ex->mentions->pdata[i];
      if (g_strcmp0 (m->name, "Donald Trump") == 0)
        g_assert_cmpstr (m->surface, ==, "Donald J. Trump");
      g_assert_cmpstr (m->name, !=, "Pieter Trump");
    }
}

static void
test_coreference_recency (void)
{
  g_autoptr (NgExtraction) ex = run (" date 2019-06 Kim Jong-un sprak met zijn zus Kim Yo-jong. "
                                     "Kim knikte.");
  NgMention *last = NULL;
  for (guint i = 0; i < ex->mentions->len; i++)
    {
      NgMention *m = ex->mentions->pdata[i];
      if (m->kind == NG_ENTITY_PERSON)
        last = m;
      /* never a new person called "Kim" */
      g_assert_cmpstr (m->name, !=, "Kim");
    }
  g_assert_nonnull (last);
  g_assert_cmpstr (last->surface, ==, "Kim");
  g_assert_cmpstr (last->name, ==, "Kim Yo-jong");
}

static void
test_dates (void)
{
  g_autoptr (NgExtraction) a = run (" date 2018-05 Trump zou Kim Jong-un op 12 juni ontmoeten in Singapore.");
  g_autoptr (NgExtraction) b = run (" date 2019-02 Trump ontmoette Kim Jong-un in juni vorig jaar in Singapore.");
  g_autoptr (NgExtraction) c = run ("Trump ontmoette Kim Jong-un in Singapore.");
  g_autofree char *da = NULL, *db = NULL;
  NgMeetingMention *ma, *mb, *mc;
  g_assert_cmpuint (a->meetings->len, ==, 1);
  ma = a->meetings->pdata[0];
  da = ng_date_to_string (&ma->date);
  g_assert_cmpstr (da, ==, "2018-06-12");
  g_assert_cmpint (ma->status, ==, NG_STATUS_PLANNED);
  mb = b->meetings->pdata[0];
  db = ng_date_to_string (&mb->date);
  g_assert_cmpstr (db, ==, "2018-06");
  /* no document date: nothing invented */
  mc = c->meetings->pdata[0];
  g_assert_cmpint (mc->date.precision, ==, NG_DATE_NONE);
}

static void
test_cancelled (void)
{
  g_autoptr (NgExtraction) ex = run (" date 2018-05 Trump blies de top met Kim Jong-un af.");
  g_assert_cmpuint (ex->meetings->len, ==, 1);
  g_assert_cmpint (((NgMeetingMention *) ex->meetings->pdata[0])->status, ==, NG_STATUS_CANCELLED);
}

static void
test_role_phrases (void)
{
  g_autoptr (NgExtraction) ex = run (" date 2019-02 De Noord-Koreaanse leider ontmoette "
                                     "de Amerikaanse president in Hanoi.");
  g_autoptr (NgExtraction) none = run ("De Noord-Koreaanse leider ontmoette de Amerikaanse "
                                       "president in Hanoi.");
  NgMeetingMention *m;
  g_assert_cmpuint (ex->meetings->len, ==, 1);
  m = ex->meetings->pdata[0];
  g_assert_true (has_participant (m, "Kim Jong-un"));
  g_assert_true (has_participant (m, "Donald Trump"));
  /* without a document date the role holders are unknown */
  g_assert_cmpuint (none->meetings->len, ==, 0);
}

static void
test_unlisted_person (void)
{
  g_autoptr (NgExtraction) ex = run (" date 2024-03 De Nederlandse minister van Handel "
                                     "Ingrid Vermeulen ontmoette Emmanuel Macron in Parijs.");
  g_assert_cmpuint (count_persons (ex, "Ingrid Vermeulen"), ==, 1);
  g_assert_cmpuint (ex->meetings->len, ==, 1);
  g_assert_true (has_participant (ex->meetings->pdata[0], "Ingrid Vermeulen"));
}

static void
test_place_not_actor (void)
{
  /* "het Witte Huis" as the one speaking is no meeting place */
  g_autoptr (NgExtraction) ex = run (" date 2019-02 Het Witte Huis meldde dat Trump "
                                     "Kim Jong-un had ontmoet.");
  g_assert_cmpuint (ex->meetings->len, ==, 1);
  g_assert_null (((NgMeetingMention *) ex->meetings->pdata[0])->place);
}

static void
test_sanctions (void)
{
  g_autoptr (NgExtraction) ex = run (" date 2019-02 Kim Jong-un eiste dat de sancties tegen "
                                     "zijn land worden opgeheven.");
  NgSanctionMention *s;
  g_assert_cmpuint (ex->sanctions->len, ==, 1);
  s = ex->sanctions->pdata[0];
  g_assert_true (s->has_action);
  g_assert_cmpint (s->action, ==, NG_ACTION_DEMAND_LIFT);
  g_assert_cmpstr (s->actor->name, ==, "Kim Jong-un");
  g_assert_cmpstr (s->target->name, ==, "Noord-Korea");
}

static void
test_sanction_imposer (void)
{
  g_autoptr (NgExtraction) ex = run (" date 2022-03 De Europese Unie legt nieuwe sancties "
                                     "op tegen Rusland.");
  g_assert_cmpuint (ex->sanctions->len, ==, 1);
  g_assert_cmpstr (((NgSanctionMention *) ex->sanctions->pdata[0])->target->name, ==, "Rusland");
}

static void
test_nothing (void)
{
  g_autoptr (NgExtraction) ex = run ("Het regende de hele dag in het dorp.");
  g_assert_cmpuint (ex->meetings->len, ==, 0);
  g_assert_cmpuint (ex->sanctions->len, ==, 0);
  g_assert_cmpuint (ex->sentences->len, ==, 1);
  ng_extraction_free (NULL);
}


static NgMention *
last_person (NgExtraction *ex)
{
  NgMention *last = NULL;
  for (guint i = 0; i < ex->mentions->len; i++)
    if (((NgMention *) ex->mentions->pdata[i])->kind == NG_ENTITY_PERSON)
      last = ex->mentions->pdata[i];
  return last;
}

static void
test_short_form_head_of_state (void)
{
  /* "Kim" coordinated with a head of state is the head of state, even when
     another Kim was named more recently */
  g_autoptr (NgExtraction) ex = run (" date 2019-03 Kim Jong-un ontving de Zuid-Koreaanse "
                                     "president Moon Jae-in. Later sprak ambassadeur Sung Kim "
                                     "met journalisten. Volgende maand wil Moon opnieuw met Kim praten.");
  g_assert_cmpstr (last_person (ex)->name, ==, "Kim Jong-un");
}

static void
test_short_form_not_named_here (void)
{
  /* a name spelled out in this sentence is not what its short form means */
  g_autoptr (NgExtraction) ex = run (" date 2019-03 Kim Jong-un bleef thuis. Kim Yong-chol "
                                     "reisde af om te praten over het bezoek van Kim.");
  g_assert_cmpstr (last_person (ex)->name, ==, "Kim Jong-un");
  for (guint i = 0; i < ex->mentions->len; i++)
    g_assert_cmpstr (((NgMention *) ex->mentions->pdata[i])->name, !=, "Kim");
}

static void
test_meeting_between (void)
{
  /* "de ontmoeting tussen A en B": the speaker is no participant */
  g_autoptr (NgExtraction) ex = run (" date 2021-10 Emmanuel Macron sprak lovend over de "
                                     "ontmoeting tussen Olaf Scholz en Xi Jinping.");
  NgMeetingMention *m;
  g_assert_cmpuint (ex->meetings->len, >=, 1);
  m = ex->meetings->pdata[0];
  g_assert_cmpuint (m->participants->len, ==, 2);
  g_assert_false (has_participant (m, "Emmanuel Macron"));
}

static void
test_meeting_spokesperson (void)
{
  /* a spokesperson who reports a meeting does not attend it */
  g_autoptr (NgExtraction) ex = run (" date 2021-10 Woordvoerder Pieter Jansen zei dat "
                                     "Emmanuel Macron gisteren Olaf Scholz heeft ontmoet.");
  NgMeetingMention *m;
  g_assert_cmpuint (ex->meetings->len, ==, 1);
  m = ex->meetings->pdata[0];
  g_assert_false (has_participant (m, "Pieter Jansen"));
  g_assert_cmpuint (m->participants->len, ==, 2);
}

static void
test_meeting_status_nearest (void)
{
  /* held: "gehad" is nearer the trigger than the later "zullen" */
  g_autoptr (NgExtraction) a = run (" date 2021-10 Olaf Scholz heeft vandaag een gesprek met "
                                    "Emmanuel Macron gehad en de ministers zullen morgen verder praten.");
  /* an infinitive is not a held meeting */
  g_autoptr (NgExtraction) b = run (" date 2021-10 Olaf Scholz hoopt Emmanuel Macron te ontmoeten.");
  g_assert_cmpint (((NgMeetingMention *) a->meetings->pdata[0])->status, ==, NG_STATUS_HELD);
  g_assert_cmpint (((NgMeetingMention *) b->meetings->pdata[0])->status, ==, NG_STATUS_PLANNED);
}

static void
test_meeting_place_described (void)
{
  /* "in de havenstad X", "in het Franse X" */
  g_autoptr (NgExtraction) ex = run (" date 2021-10 Olaf Scholz ontmoette Emmanuel Macron "
                                     "in de hoofdstad Parijs.");
  NgMeetingMention *m = ex->meetings->pdata[0];
  g_assert_nonnull (m->place);
  g_assert_cmpstr (m->place->name, ==, "Parijs");
}

static void
test_sanction_source (void)
{
  /* the source of a report of others' demand does not demand */
  g_autoptr (NgExtraction) a = run (" date 2022-05 „Zij eisen dat de sancties tegen Rusland "
                                    "worden opgeheven”, aldus Olaf Scholz.");
  /* but speaking in the first person, the source refuses for their side;
     the imposer is the actor's country */
  g_autoptr (NgExtraction) b = run (" date 2022-05 „Zij willen van de sancties tegen Rusland "
                                    "af, maar dat doen wij niet”, aldus Olaf Scholz.");
  NgSanctionMention *sb;
  g_assert_cmpuint (a->sanctions->len, ==, 1);
  g_assert_false (((NgSanctionMention *) a->sanctions->pdata[0])->has_action);
  g_assert_cmpuint (b->sanctions->len, ==, 1);
  sb = b->sanctions->pdata[0];
  g_assert_true (sb->has_action);
  g_assert_cmpint (sb->action, ==, NG_ACTION_REFUSE_LIFT);
  g_assert_cmpstr (sb->actor->name, ==, "Olaf Scholz");
  g_assert_nonnull (sb->imposer);
  g_assert_cmpstr (sb->imposer->name, ==, "Duitsland");
}

static const NgSanctionMention *
sanction_by_actor (NgExtraction *ex, const char *actor)
{
  for (guint i = 0; i < ex->sanctions->len; i++)
    {
      const NgSanctionMention *s = ex->sanctions->pdata[i];
      if (s->has_action && g_strcmp0 (s->actor->name, actor) == 0)
        return s;
    }
  return NULL;
}

static void
test_sanction_org_actors (void)
{
  /* organisations and countries act; after a fronted adverbial the subject
     follows the finite verb; coordinated subjects each act and impose */
  g_autoptr (NgExtraction) ex = run (" date 2020-03-10 Na lang beraad legden Canada en de "
                                     "Europese Unie vorige week strafmaatregelen op tegen Venezuela.");
  const NgSanctionMention *a = sanction_by_actor (ex, "Canada");
  const NgSanctionMention *b = sanction_by_actor (ex, "Europese Unie");
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpint (a->action, ==, NG_ACTION_IMPOSE);
  g_assert_cmpstr (a->target->name, ==, "Venezuela");
  g_assert_cmpstr (a->imposer->name, ==, "Canada");
  g_assert_cmpstr (b->imposer->name, ==, "Europese Unie");
  g_assert_nonnull (a->explain);
}

static void
test_sanction_pronoun_demand (void)
{
  /* "hij" is the person named last; whoever is asked to lift imposes */
  g_autoptr (NgExtraction) ex = run (" date 2020-03 Nicolás Maduro reageerde boos. Hij eiste "
                                     "dat de Europese Unie de sancties tegen Venezuela intrekt.");
  const NgSanctionMention *s = sanction_by_actor (ex, "Nicolás Maduro");
  g_assert_nonnull (s);
  g_assert_cmpint (s->action, ==, NG_ACTION_DEMAND_LIFT);
  g_assert_cmpstr (s->target->name, ==, "Venezuela");
  g_assert_nonnull (s->imposer);
  g_assert_cmpstr (s->imposer->name, ==, "Europese Unie");
}

static void
test_sanction_city_anaphor (void)
{
  /* a capital acts for its government; "de maatregelen" continues the
     sanctions named before; a name after a preposition does not act */
  g_autoptr (NgExtraction) ex = run (" date 2020-03 De Verenigde Staten stelden in 2018 sancties in "
                                     "tegen Venezuela. Een jaar later scherpte Washington de "
                                     "maatregelen aan.");
  const NgSanctionMention *s = sanction_by_actor (ex, "Washington");
  g_assert_nonnull (s);
  g_assert_cmpint (s->action, ==, NG_ACTION_TIGHTEN);
  g_assert_cmpstr (s->target->name, ==, "Venezuela");
  g_assert_cmpstr (s->imposer->name, ==, "Verenigde Staten");
}

static void
test_sanction_government_threaten (void)
{
  /* "de regering-X" acts for X's country; a threat with "zwaardere
     sancties" is a threat, not a tightening */
  g_autoptr (NgExtraction) a = run (" date 2014-08 In juli stelde de regering-Merkel nieuwe "
                                    "sancties in tegen Rusland.");
  g_autoptr (NgExtraction) b = run (" date 2020-03 Joe Biden sprak met journalisten. Hij dreigde "
                                    "Venezuela met zwaardere sancties.");
  const NgSanctionMention *s = sanction_by_actor (a, "Duitsland");
  g_assert_nonnull (s);
  g_assert_cmpint (s->action, ==, NG_ACTION_IMPOSE);
  g_assert_cmpstr (s->target->name, ==, "Rusland");
  s = sanction_by_actor (b, "Joe Biden");
  g_assert_nonnull (s);
  g_assert_cmpint (s->action, ==, NG_ACTION_THREATEN);
  g_assert_cmpstr (s->target->name, ==, "Venezuela");
}

static void
test_explain (void)
{
  /* every meeting, sanction and listed mention says why it was found */
  g_autoptr (NgExtraction) ex = run (" date 2020-03 Joe Biden ontmoette Angela Merkel in Berlijn. "
                                     "De Europese Unie stelde sancties in tegen Venezuela.");
  const NgMeetingMention *m;
  g_assert_cmpuint (ex->meetings->len, ==, 1);
  m = ex->meetings->pdata[0];
  g_assert_nonnull (m->explain);
  g_assert_nonnull (strstr (m->explain, "trigger \"ontmoette\""));
  g_assert_nonnull (strstr (m->explain, "place Berlijn"));
  g_assert_cmpuint (ex->sanctions->len, ==, 1);
  g_assert_nonnull (strstr (((NgSanctionMention *) ex->sanctions->pdata[0])->explain,
                            "actor Europese Unie"));
  for (guint i = 0; i < ex->mentions->len; i++)
    g_assert_nonnull (((NgMention *) ex->mentions->pdata[i])->explain);
}

/* Persons are indexed by the words of their names (src/extract.c): among
 * hundreds of people, a short form finds the one whose name has the word,
 * and of two who share it the one named last. */
static void
test_short_form_many_persons (void)
{
  static const char *const syl[] = { "ba", "ko", "ri", "me", "lu", "do", "sa", "ve" };
  g_autoptr (GString) text = g_string_new (" date 2020-05-04 ");
  g_autoptr (NgExtraction) ex = NULL;
  const NgMention *last;
  guint persons = 0;

  g_string_append (text, "Premier Anna Bakoverink sprak. ");
  g_string_append (text, "Premier Piet Bakoverink sprak ook. ");
  for (guint i = 0; i < 400; i++)
    {
      char first[16], last_name[24];
      g_snprintf (first, sizeof first, "%s%s%sna", syl[i % 8], syl[i / 8 % 8], syl[i / 64 % 8]);
      g_snprintf (last_name, sizeof last_name, "%s%s%sstra", syl[i / 64 % 8], syl[i % 8], syl[i / 8 % 8]);
      first[0] = g_ascii_toupper (first[0]);
      last_name[0] = g_ascii_toupper (last_name[0]);
      g_string_append_printf (text, "Premier %s %s sprak. ", first, last_name);
    }
  g_string_append (text, "Daarna zei Bakoverink niets meer. Later sprak Bakobastra.");
  ex = run (text->str);
  for (guint i = 0; i < ex->mentions->len; i++)
    persons += ((NgMention *) ex->mentions->pdata[i])->kind == NG_ENTITY_PERSON;
  g_assert_cmpuint (persons, ==, 402 + 2);
  last = ex->mentions->pdata[ex->mentions->len - 2];
  g_assert_cmpstr (last->surface, ==, "Bakoverink");
  g_assert_cmpstr (last->name, ==, "Piet Bakoverink");
  last = ex->mentions->pdata[ex->mentions->len - 1];
  g_assert_cmpstr (last->surface, ==, "Bakobastra");
  g_assert_cmpstr (last->name, ==, "Kobabana Bakobastra");
}

/* ---- meetings from context (src/extract-events.c, lexicon.tsv) ---- */

static NgMeetingMention *
meeting (NgExtraction *ex, guint i)
{
  g_assert_cmpuint (ex->meetings->len, >, i);
  return ex->meetings->pdata[i];
}

static void
assert_date (const NgMeetingMention *m, const char *want)
{
  g_autofree char *d = ng_date_to_string (&m->date);
  g_assert_cmpstr (d, ==, want);
}

static void
assert_explains (const NgMeetingMention *m, const char *part)
{
  g_assert_nonnull (m->explain);
  if (strstr (m->explain, part) == NULL)
    g_error ("explanation lacks \"%s\": %s", part, m->explain);
}

static void
test_meeting_talk_verbs (void)
{
  g_autoptr (NgExtraction) talk = run (" date 2023-03-15 Olaf Scholz en Mark Rutte hebben "
                                       "maandag in Berlijn met elkaar gesproken.");
  g_autoptr (NgExtraction) alone = run (" date 2023-03-15 Olaf Scholz sprak maandag in "
                                        "Berlijn over de economie.");
  g_autoptr (NgExtraction) saw = run (" date 2023-03-15 Giorgia Meloni en Pedro Sánchez "
                                      "zagen elkaar gisteren in Rome.");
  g_autoptr (NgExtraction) figures = run (" date 2023-03-15 Giorgia Meloni zag de cijfers "
                                          "van Pedro Sánchez.");
  g_autoptr (NgExtraction) press = run (" date 2023-03-15 Olaf Scholz sprak na afloop met "
                                        "verslaggevers over Pedro Sánchez.");
  NgMeetingMention *m = meeting (talk, 0);
  g_assert_true (has_participant (m, "Olaf Scholz"));
  g_assert_true (has_participant (m, "Mark Rutte"));
  g_assert_cmpstr (m->place->name, ==, "Berlijn");
  assert_date (m, "2023-03-13");
  assert_explains (m, "(with)");
  /* a talking verb without "met"/"elkaar", a reciprocal verb without
     "elkaar": no meeting */
  g_assert_cmpuint (alone->meetings->len, ==, 0);
  g_assert_cmpuint (figures->meetings->len, ==, 0);
  /* "met" someone who is not a person */
  g_assert_cmpuint (press->meetings->len, ==, 0);
  m = meeting (saw, 0);
  g_assert_true (has_participant (m, "Pedro Sánchez"));
  g_assert_cmpstr (m->place->name, ==, "Rome");
  assert_date (m, "2023-03-14");
}

static void
test_meeting_visit (void)
{
  g_autoptr (NgExtraction) place = run (" date 2023-03-15 Fumio Kishida bezocht vorige week "
                                        "Berlijn.");
  g_autoptr (NgExtraction) museum = run (" date 2023-03-15 Fumio Kishida bezoekt graag musea.");
  g_autoptr (NgExtraction) person = run (" date 2023-03-15 Fumio Kishida bezocht vorige week "
                                         "Olaf Scholz in Berlijn.");
  g_assert_cmpuint (place->meetings->len, ==, 0);
  g_assert_cmpuint (museum->meetings->len, ==, 0);
  g_assert_true (has_participant (meeting (person, 0), "Olaf Scholz"));
  g_assert_true (has_participant (meeting (person, 0), "Fumio Kishida"));
  g_assert_cmpstr (meeting (person, 0)->place->name, ==, "Berlijn");
}

static void
test_meeting_negated (void)
{
  const char *texts[] = {
    " date 2023-03-15 Er komt geen nieuwe ontmoeting tussen Olaf Scholz en Giorgia Meloni.",
    " date 2023-03-15 Olaf Scholz zal Giorgia Meloni volgende week niet ontmoeten.",
    " date 2023-03-15 Er zijn geen plannen voor een top van Olaf Scholz en Giorgia Meloni.",
  };
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr (NgExtraction) ex = run (texts[i]);
      g_assert_cmpuint (ex->meetings->len, ==, 0);
    }
}

static void
test_meeting_status_words (void)
{
  g_autoptr (NgExtraction) off = run (" date 2023-03-15 De top van Olaf Scholz en Giorgia "
                                      "Meloni in Rome is van de baan.");
  g_autoptr (NgExtraction) notyet = run (" date 2023-03-15 De top van Olaf Scholz en Giorgia "
                                         "Meloni in Rome gaat voorlopig niet door.");
  g_autoptr (NgExtraction) failed = run (" date 2023-03-15 De top van Olaf Scholz en Giorgia "
                                         "Meloni in Rome is mislukt.");
  g_autoptr (NgExtraction) called_off = run (" date 2023-03-15 De top van Olaf Scholz en "
                                            "Giorgia Meloni in Rome is afgelast.");
  g_autoptr (NgExtraction) split = run (" date 2023-03-15 Olaf Scholz lastte de top met "
                                       "Giorgia Meloni in Rome af.");
  g_autoptr (NgExtraction) wanted = run (" date 2023-03-15 Olaf Scholz wilde Giorgia Meloni "
                                         "in Rome ontmoeten.");
  g_assert_cmpint (meeting (off, 0)->status, ==, NG_STATUS_CANCELLED);
  g_assert_cmpint (meeting (notyet, 0)->status, ==, NG_STATUS_CANCELLED);
  g_assert_cmpint (meeting (called_off, 0)->status, ==, NG_STATUS_CANCELLED);
  assert_explains (meeting (called_off, 0), "status Cancelled (afgelast)");
  g_assert_cmpint (meeting (split, 0)->status, ==, NG_STATUS_CANCELLED);
  /* a failed meeting took place: Failed, dated like a held one */
  g_assert_cmpint (meeting (failed, 0)->status, ==, NG_STATUS_FAILED);
  assert_explains (meeting (failed, 0), "status Failed (mislukt)");
  g_assert_cmpint (meeting (wanted, 0)->status, ==, NG_STATUS_PLANNED);
}

static void
test_meeting_pronouns (void)
{
  /* "hem": not the subject of its own clause; the arrival sets the place */
  g_autoptr (NgExtraction) ex = run (" date 2023-03-15 Olaf Scholz landde dinsdag in Rome. "
                                     "Giorgia Meloni ontving hem op het vliegveld.");
  /* "hij": a subject, not the name after "met" */
  g_autoptr (NgExtraction) subj = run (" date 2023-03-15 Pedro Sánchez sprak maandag met "
                                       "Mark Rutte. Dinsdag werd hij in Berlijn ontvangen "
                                       "door Olaf Scholz.");
  NgMeetingMention *m = meeting (ex, 0);
  g_assert_true (has_participant (m, "Giorgia Meloni"));
  g_assert_true (has_participant (m, "Olaf Scholz"));
  g_assert_nonnull (m->place);
  g_assert_cmpstr (m->place->name, ==, "Rome");
  assert_explains (m, "pronoun");
  assert_explains (m, "arrival");
  m = meeting (subj, 1);
  g_assert_true (has_participant (m, "Olaf Scholz"));
  g_assert_true (has_participant (m, "Pedro Sánchez"));
  g_assert_false (has_participant (m, "Mark Rutte"));
}

static void
test_meeting_group_phrase (void)
{
  g_autoptr (NgExtraction) ex = run (" date 2023-03-15 Olaf Scholz en Giorgia Meloni kwamen "
                                     "maandag in Rome bijeen. Dinsdag spraken de twee leiders "
                                     "in Milaan opnieuw met elkaar.");
  NgMeetingMention *m = meeting (ex, 1);
  g_assert_true (has_participant (m, "Olaf Scholz"));
  g_assert_true (has_participant (m, "Giorgia Meloni"));
  assert_date (m, "2023-03-14");
  assert_explains (m, "de twee leiders");
}

static void
test_meeting_delegation (void)
{
  g_autoptr (NgExtraction) ex = run (" date 2023-03-15 Pedro Sánchez heeft dinsdag in Madrid "
                                     "een gesprek gehad met Chinese diplomaten.");
  NgMeetingMention *m = meeting (ex, 0);
  gboolean org = FALSE;
  g_assert_true (has_participant (m, "Pedro Sánchez"));
  for (guint i = 0; i < m->participants->len; i++)
    {
      NgMention *p = m->participants->pdata[i];
      if (p->kind == NG_ENTITY_ORGANISATION)
        {
          org = TRUE;
          g_assert_cmpstr (p->entity->country, ==, "Q148");
        }
    }
  g_assert_true (org);
  assert_explains (m, "delegation");
}

static void
test_meeting_refers_back (void)
{
  g_autoptr (NgExtraction) ex = run (" date 2023-03-15 Olaf Scholz en Mark Rutte hebben "
                                     "dinsdag in Den Haag met elkaar gesproken. Scholz noemde "
                                     "het gesprek nuttig.\n\nOok Jens Stoltenberg schoof, na "
                                     "een korte vertraging, aan.");
  NgMeetingMention *m;
  /* "het gesprek" says nothing new: told again, one mention */
  g_assert_cmpuint (ex->meetings->len, ==, 2);
  assert_explains (meeting (ex, 0), "told again in sentence 2");
  /* the attendance joins the meeting, with its place and date */
  m = meeting (ex, 1);
  g_assert_true (has_participant (m, "Jens Stoltenberg"));
  g_assert_true (has_participant (m, "Mark Rutte"));
  g_assert_true (has_participant (m, "Olaf Scholz"));
  g_assert_cmpstr (m->place->name, ==, "Den Haag");
  assert_date (m, "2023-03-14");
  assert_explains (m, "attendance");
}

static void
test_meeting_clause_date_place (void)
{
  g_autoptr (NgExtraction) ex = run (" date 2023-06-21 Olaf Scholz ontmoette Mark Rutte "
                                     "dinsdag in Den Haag, nadat hij in mei in Madrid was "
                                     "geweest.");
  g_autoptr (NgExtraction) since = run (" date 2023-06-21 Olaf Scholz en Mark Rutte spraken "
                                        "dinsdag met elkaar. Het was hun eerste gesprek sinds "
                                        "Rutte in mei in Madrid was.");
  g_autoptr (NgExtraction) inside = run (" date 2023-06-21 Olaf Scholz en Mark Rutte zagen "
                                         "elkaar dit jaar al één keer, op 4 maart in Brussel.");
  NgMeetingMention *m = meeting (ex, 0);
  g_assert_cmpstr (m->place->name, ==, "Den Haag");
  assert_date (m, "2023-06-20");
  /* "sinds … in mei": not the date of this meeting */
  g_assert_cmpuint (since->meetings->len, ==, 1);
  assert_date (meeting (since, 0), "2023-06-20");
  assert_date (meeting (inside, 0), "2023-03-04");
  assert_explains (meeting (inside, 0), "more precise");
}

static void
test_meeting_waar_daar (void)
{
  g_autoptr (NgExtraction) waar = run (" date 2023-03-15 Olaf Scholz reisde vorige week naar "
                                       "Tokio, waar hij met Fumio Kishida sprak.");
  g_autoptr (NgExtraction) daar = run ("In maart 2022 was Olaf Scholz in Tokio. Hij heeft daar "
                                       "urenlang met Fumio Kishida onderhandeld.");
  NgMeetingMention *m = meeting (waar, 0);
  g_assert_cmpstr (m->place->name, ==, "Tokio");
  assert_explains (m, "waar");
  m = meeting (daar, 0);
  g_assert_true (has_participant (m, "Olaf Scholz"));
  g_assert_true (has_participant (m, "Fumio Kishida"));
  g_assert_cmpstr (m->place->name, ==, "Tokio");
  assert_date (m, "2022-03");
  assert_explains (m, "daar");
}

static void
test_meeting_two_triggers (void)
{
  g_autoptr (NgExtraction) ex = run (" date 2023-06-21 Olaf Scholz en Pedro Sánchez spraken "
                                     "dinsdag in Rome met elkaar. Deze top leverde meer op dan "
                                     "de eerste top in mei in Madrid.");
  NgMeetingMention *m;
  /* "deze top" is the Rome meeting told again; May and Madrid are the
     first top's */
  g_assert_cmpuint (ex->meetings->len, ==, 2);
  g_assert_cmpstr (meeting (ex, 0)->place->name, ==, "Rome");
  m = meeting (ex, 1);
  g_assert_true (has_participant (m, "Pedro Sánchez"));
  g_assert_cmpstr (m->place->name, ==, "Madrid");
  assert_date (m, "2023-05");
}

static void
test_meeting_same_event_building (void)
{
  g_autoptr (NgExtraction) ex = run (" date 2023-03-15 Mark Rutte en Olaf Scholz hebben "
                                     "dinsdag in Den Haag met elkaar gesproken. Rutte ontving "
                                     "Scholz in het Catshuis.");
  NgMeetingMention *m;
  g_assert_cmpuint (ex->meetings->len, ==, 1);
  m = meeting (ex, 0);
  g_assert_cmpstr (m->place->name, ==, "Den Haag");
  assert_explains (m, "Catshuis");
}

static void
test_meeting_quote_speaker (void)
{
  /* "ik" in a quote is its speaker after the speech verb ("zei hij": not
     the person named in the quote); a speaker before it ("X zei: 'Ik …'")
     is one of the sentence's persons and stays one participant */
  g_autoptr (NgExtraction) after = run (" date 2023-03-15 Olaf Scholz kwam dinsdag in Rome "
                                        "aan. 'Als Giorgia Meloni tijd heeft, wil ik haar "
                                        "morgen aan de kust/Rome ontmoeten', zei hij.");
  g_autoptr (NgExtraction) before = run (" date 2023-03-15 Giorgia Meloni zei: 'Ik heb Olaf "
                                         "Scholz gisteren in Rome ontmoet.'");
  NgMeetingMention *m = meeting (after, 0);
  g_assert_true (has_participant (m, "Olaf Scholz"));
  g_assert_true (has_participant (m, "Giorgia Meloni"));
  g_assert_cmpint (m->status, ==, NG_STATUS_PLANNED);
  g_assert_cmpstr (m->place->name, ==, "Rome");
  assert_explains (m, "speaker of the quote");
  m = meeting (before, 0);
  g_assert_cmpuint (m->participants->len, ==, 2);
  g_assert_true (has_participant (m, "Giorgia Meloni"));
  g_assert_true (has_participant (m, "Olaf Scholz"));
  assert_date (m, "2023-03-14");
}

static void
test_meeting_group_not_persons (void)
{
  /* "de twee landen" names countries: it does not bring the persons of
     the meeting named before */
  g_autoptr (NgExtraction) ex = run (" date 2023-03-15 Olaf Scholz ontmoette dinsdag Giorgia "
                                     "Meloni in Rome. Woensdag sprak Emmanuel Macron met Pedro "
                                     "S\u00e1nchez over de banden tussen de twee landen.");
  NgMeetingMention *m = meeting (ex, 1);
  g_assert_cmpuint (m->participants->len, ==, 2);
  g_assert_true (has_participant (m, "Emmanuel Macron"));
  g_assert_true (has_participant (m, "Pedro S\u00e1nchez"));
}

static void
test_meeting_failed (void)
{
  /* "liep op niets uit", "zonder akkoord", "geen akkoord": the meeting took
     place and failed; a meeting with an agreement is just held */
  const char *texts[] = {
    " date 2023-03-15 De onderhandelingen tussen Olaf Scholz en Giorgia Meloni in Rome "
    "liepen vorige week op niets uit.",
    " date 2023-03-15 De top van Olaf Scholz en Giorgia Meloni in Rome eindigde dinsdag "
    "zonder akkoord.",
    " date 2023-03-15 Olaf Scholz en Giorgia Meloni spraken in Rome met elkaar, maar ze "
    "hebben geen akkoord bereikt.",
  };
  g_autoptr (NgExtraction) agreed = run (" date 2023-03-15 De top van Olaf Scholz en Giorgia "
                                         "Meloni in Rome eindigde met een akkoord.");
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr (NgExtraction) ex = run (texts[i]);
      NgMeetingMention *m = meeting (ex, 0);
      g_assert_cmpint (m->status, ==, NG_STATUS_FAILED);
      g_assert_true (has_participant (m, "Olaf Scholz"));
      g_assert_true (has_participant (m, "Giorgia Meloni"));
      /* it took place: a past date, not none */
      g_assert_cmpint (m->date.precision, !=, NG_DATE_NONE);
      g_assert_cmpstr (ng_event_status_name (m->status), ==, "Failed");
    }
  g_assert_cmpint (meeting (agreed, 0)->status, ==, NG_STATUS_HELD);
}

static void
test_english_signature (void)
{
  /* an English tweet signed by a person named before: "I"/"my" is the
     signer; "after …, leaving X" puts the meeting in X */
  g_autoptr (NgExtraction) ex = run (" date 2023-05-10 Olaf Scholz reisde deze week door "
                                     "Europa.\n\nAfter two long days, including my meeting with "
                                     "President Macron, I am now leaving Paris for Rome. "
                                     "Olaf Scholz (@Kanzler) 9 mei 2023\n\nDaarna was het stil.");
  NgMeetingMention *m = meeting (ex, 0);
  g_assert_cmpuint (ex->meetings->len, ==, 1);
  g_assert_cmpuint (m->participants->len, ==, 2);
  g_assert_true (has_participant (m, "Olaf Scholz"));
  g_assert_true (has_participant (m, "Emmanuel Macron"));
  g_assert_cmpint (m->status, ==, NG_STATUS_HELD);
  g_assert_nonnull (m->place);
  g_assert_cmpstr (m->place->name, ==, "Parijs");
  assert_explains (m, "English sentence");
  assert_explains (m, "the name signing the passage");
  assert_explains (m, "the place left after the meeting");
  /* no time word in the passage: the document month, as a Dutch report */
  assert_date (m, "2023-05");
}

static void
test_english_dutch_source (void)
{
  /* "X twitterde:" before an English passage makes X its author; a past
     verb is held, "in X" is the place; "to talk about" with nobody is no
     second meeting */
  g_autoptr (NgExtraction) ex = run (" date 2023-05-10 Giorgia Meloni twitterde dinsdag:\n"
                                     "I met Pedro S\u00e1nchez in Madrid to talk about "
                                     "migration and the budget.");
  NgMeetingMention *m = meeting (ex, 0);
  g_assert_cmpuint (ex->meetings->len, ==, 1);
  g_assert_true (has_participant (m, "Giorgia Meloni"));
  g_assert_true (has_participant (m, "Pedro S\u00e1nchez"));
  g_assert_cmpint (m->status, ==, NG_STATUS_HELD);
  g_assert_cmpstr (m->place->name, ==, "Madrid");
  assert_explains (m, "the source the Dutch sentence before the passage names");
}

static void
test_english_quote (void)
{
  /* an English quote in a Dutch sentence: "we" is the speaker the Dutch
     sentence names, the date is the Dutch sentence's */
  g_autoptr (NgExtraction) ex = run (" date 2023-05-10 \u2018We had productive talks with "
                                     "Chancellor Scholz\u2019, schreef Macron maandag op X.");
  NgMeetingMention *m = meeting (ex, 0);
  g_assert_cmpuint (ex->meetings->len, ==, 1);
  g_assert_true (has_participant (m, "Emmanuel Macron"));
  g_assert_true (has_participant (m, "Olaf Scholz"));
  g_assert_cmpint (m->status, ==, NG_STATUS_HELD);
  assert_date (m, "2023-05-08");
  assert_explains (m, "English quote");
  assert_explains (m, "the speaker the Dutch sentence names");
}

static void
test_english_author_of_noun (void)
{
  /* "Great meeting with X" in a signed tweet: the author met X */
  g_autoptr (NgExtraction) ex = run (" date 2023-05-10 Mark Rutte was in Berlijn.\n\n"
                                     "Great meeting with Olaf Scholz, thank you for the "
                                     "warm welcome! Mark Rutte (@MinPres) 9 mei 2023");
  NgMeetingMention *m = meeting (ex, 0);
  g_assert_true (has_participant (m, "Mark Rutte"));
  g_assert_true (has_participant (m, "Olaf Scholz"));
  assert_explains (m, "is the author");
}

static void
test_english_title (void)
{
  /* an English title before a name nobody lists ("Prime Minister X") makes
     the name a person, as a Dutch role phrase does */
  g_autoptr (NgExtraction) ex = run (" date 2023-05-10 Mark Rutte twitterde:\n\n"
                                     "I had a very good meeting with Prime Minister Tomas "
                                     "Berzins in Riga.");
  NgMeetingMention *m = meeting (ex, 0);
  g_assert_true (has_participant (m, "Mark Rutte"));
  g_assert_true (has_participant (m, "Tomas Berzins"));
  g_assert_cmpstr (m->place->name, ==, "Riga");
  g_assert_cmpint (m->status, ==, NG_STATUS_HELD);
}

static void
test_english_reporter (void)
{
  /* who reports a meeting is not in it ("X said the summit between A and
     B …"); "his" before the meeting word is the person named before it */
  g_autoptr (NgExtraction) said = run (" date 2023-05-10 Emmanuel Macron said the summit "
                                       "between Joe Biden and Xi Jinping in Berlin failed.");
  g_autoptr (NgExtraction) his = run (" date 2023-05-10 Olaf Scholz said that his talks "
                                      "with Mark Rutte in Berlin were useful.");
  NgMeetingMention *m = meeting (said, 0);
  g_assert_cmpuint (m->participants->len, ==, 2);
  g_assert_true (has_participant (m, "Joe Biden"));
  g_assert_true (has_participant (m, "Xi Jinping"));
  g_assert_false (has_participant (m, "Emmanuel Macron"));
  m = meeting (his, 0);
  g_assert_cmpuint (m->participants->len, ==, 2);
  g_assert_true (has_participant (m, "Olaf Scholz"));
  g_assert_true (has_participant (m, "Mark Rutte"));
  assert_explains (m, "\"his\" is Olaf Scholz");
}

static void
test_english_status (void)
{
  g_autoptr (NgExtraction) failed = run (" date 2023-05-10 The summit between Joe Biden and "
                                         "Xi Jinping collapsed without a deal.");
  g_autoptr (NgExtraction) off = run (" date 2023-05-10 Macron called off his meeting with "
                                      "Olaf Scholz in Berlin.");
  g_autoptr (NgExtraction) will = run (" date 2023-05-10 Joe Biden will meet Xi Jinping in "
                                       "Berlin, the White House said.");
  g_autoptr (NgExtraction) to = run (" date 2023-05-10 Joe Biden is hoping to meet with Xi "
                                     "Jinping in Berlin.");
  g_assert_cmpint (meeting (failed, 0)->status, ==, NG_STATUS_FAILED);
  assert_explains (meeting (failed, 0), "status Failed (without a deal)");
  g_assert_cmpint (meeting (off, 0)->status, ==, NG_STATUS_CANCELLED);
  g_assert_true (has_participant (meeting (off, 0), "Emmanuel Macron"));
  g_assert_cmpint (meeting (off, 0)->date.precision, ==, NG_DATE_NONE);
  g_assert_cmpint (meeting (will, 0)->status, ==, NG_STATUS_PLANNED);
  g_assert_cmpstr (meeting (will, 0)->place->name, ==, "Berlijn");
  g_assert_cmpint (meeting (will, 0)->date.precision, ==, NG_DATE_NONE);
  g_assert_cmpint (meeting (to, 0)->status, ==, NG_STATUS_PLANNED);
}

static void
test_english_dates (void)
{
  /* absolute English dates next to a day or a year; the year of the
     document when none is given; a bare month name is none */
  g_autoptr (NgExtraction) full = run (" date 2019-07-01 Donald Trump twitterde:\n\n"
                                       "I met President Moon Jae-in in Seoul on June 30, 2019 "
                                       "to talk about the peninsula.");
  g_autoptr (NgExtraction) noyear = run (" date 2019-07-01 Donald Trump twitterde:\n\n"
                                         "I had a great meeting with Kim Jong-un on 30 June.");
  g_autoptr (NgExtraction) month = run (" date 2019-07-01 Donald Trump twitterde:\n\n"
                                        "I will meet Kim Jong-un in March 2020, and it will be "
                                        "a great summit.");
  g_autoptr (NgExtraction) bare = run (" date 2019-07-01 Donald Trump twitterde:\n\n"
                                       "I had a meeting with Kim Jong-un in March, and the "
                                       "talks were good.");
  g_autoptr (NgExtraction) planned = run (" date 2019-07-01 The talks between Moon Jae-in and "
                                          "Kim Jong-un will take place in Seoul next week.");
  assert_date (meeting (full, 0), "2019-06-30");
  assert_explains (meeting (full, 0), "the English date of the passage");
  /* "Donald Trump twitterde:" opens the passage; it does not sign the one
     before */
  assert_explains (meeting (full, 0), "the source the Dutch sentence before the passage names");
  assert_date (meeting (noyear, 0), "2019-06-30");
  assert_date (meeting (month, 0), "2020-03");
  /* "in March": a month without day or year is no date (nor is the
     document month guessed when a time word is there) */
  g_assert_cmpint (meeting (bare, 0)->date.precision, ==, NG_DATE_NONE);
  g_assert_cmpint (meeting (month, 0)->status, ==, NG_STATUS_PLANNED);
  /* a meeting noun's verb after it: "will take place" */
  g_assert_cmpint (meeting (planned, 0)->status, ==, NG_STATUS_PLANNED);
  g_assert_cmpint (meeting (planned, 0)->date.precision, ==, NG_DATE_NONE);
}

static void
test_english_not_meetings (void)
{
  const char *texts[] = {
    /* English, but no meeting */
    " date 2023-05-10 Joe Biden will travel to Berlin and give a speech there.",
    /* a letter received is no meeting */
    " date 2023-05-10 Joe Biden received a letter from Xi Jinping, the White House said.",
    /* "meeting" in another sense: nobody meets anyone */
    " date 2023-05-10 \u2018The meeting point for the march is the main square\u2019, zei "
    "Mark Rutte.",
    " date 2023-05-10 Olaf Scholz said that the meeting room of the party was too small.",
    /* negated */
    " date 2023-05-10 Joe Biden did not meet Xi Jinping in Berlin.",
    " date 2023-05-10 There will be no summit between Joe Biden and Xi Jinping this year.",
    /* the Dutch trigger "top" is not read in English ("top priorities") */
    " date 2023-05-10 Olaf Scholz and Giorgia Meloni said that the top priorities of "
    "their governments are clear.",
  };
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr (NgExtraction) ex = run (texts[i]);
      if (ex->meetings->len)
        g_error ("%s: %s", texts[i], meeting (ex, 0)->explain);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/extract/meeting-basic", test_meeting_basic);
  g_test_add_func ("/extract/coreference-recency", test_coreference_recency);
  g_test_add_func ("/extract/dates", test_dates);
  g_test_add_func ("/extract/cancelled", test_cancelled);
  g_test_add_func ("/extract/role-phrases", test_role_phrases);
  g_test_add_func ("/extract/unlisted-person", test_unlisted_person);
  g_test_add_func ("/extract/place-not-actor", test_place_not_actor);
  g_test_add_func ("/extract/sanctions", test_sanctions);
  g_test_add_func ("/extract/sanction-imposer", test_sanction_imposer);
  g_test_add_func ("/extract/nothing", test_nothing);
  g_test_add_func ("/extract/sanction-source", test_sanction_source);
  g_test_add_func ("/extract/short-form-head-of-state", test_short_form_head_of_state);
  g_test_add_func ("/extract/short-form-not-named-here", test_short_form_not_named_here);
  g_test_add_func ("/extract/meeting-between", test_meeting_between);
  g_test_add_func ("/extract/meeting-spokesperson", test_meeting_spokesperson);
  g_test_add_func ("/extract/meeting-status-nearest", test_meeting_status_nearest);
  g_test_add_func ("/extract/meeting-place-described", test_meeting_place_described);
  g_test_add_func ("/extract/sanction-org-actors", test_sanction_org_actors);
  g_test_add_func ("/extract/sanction-pronoun-demand", test_sanction_pronoun_demand);
  g_test_add_func ("/extract/sanction-city-anaphor", test_sanction_city_anaphor);
  g_test_add_func ("/extract/sanction-government-threaten", test_sanction_government_threaten);
  g_test_add_func ("/extract/explain", test_explain);
  g_test_add_func ("/extract/short-form-many-persons", test_short_form_many_persons);
  g_test_add_func ("/extract/middle-initials", test_middle_initials);
  g_test_add_func ("/extract/meeting-talk-verbs", test_meeting_talk_verbs);
  g_test_add_func ("/extract/meeting-visit", test_meeting_visit);
  g_test_add_func ("/extract/meeting-negated", test_meeting_negated);
  g_test_add_func ("/extract/meeting-status-words", test_meeting_status_words);
  g_test_add_func ("/extract/meeting-pronouns", test_meeting_pronouns);
  g_test_add_func ("/extract/meeting-group-phrase", test_meeting_group_phrase);
  g_test_add_func ("/extract/meeting-delegation", test_meeting_delegation);
  g_test_add_func ("/extract/meeting-refers-back", test_meeting_refers_back);
  g_test_add_func ("/extract/meeting-clause-date-place", test_meeting_clause_date_place);
  g_test_add_func ("/extract/meeting-waar-daar", test_meeting_waar_daar);
  g_test_add_func ("/extract/meeting-two-triggers", test_meeting_two_triggers);
  g_test_add_func ("/extract/meeting-same-event-building", test_meeting_same_event_building);
  g_test_add_func ("/extract/meeting-quote-speaker", test_meeting_quote_speaker);
  g_test_add_func ("/extract/meeting-group-not-persons", test_meeting_group_not_persons);
  g_test_add_func ("/extract/meeting-failed", test_meeting_failed);
  g_test_add_func ("/extract/english-signature", test_english_signature);
  g_test_add_func ("/extract/english-dutch-source", test_english_dutch_source);
  g_test_add_func ("/extract/english-quote", test_english_quote);
  g_test_add_func ("/extract/english-author-of-noun", test_english_author_of_noun);
  g_test_add_func ("/extract/english-title", test_english_title);
  g_test_add_func ("/extract/english-reporter", test_english_reporter);
  g_test_add_func ("/extract/english-status", test_english_status);
  g_test_add_func ("/extract/english-dates", test_english_dates);
  g_test_add_func ("/extract/english-not-meetings", test_english_not_meetings);
  return g_test_run ();
}
