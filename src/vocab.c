/* vocab.c — the ng: terms as a list, and the prefixes. */
#include "config.h"

#include "nieuwsgraaf/vocab.h"

static const char *const terms[] = {
  NG_MEETING, NG_SANCTION, NG_SANCTION_EVENT, NG_SANCTION_ACTION,
  NG_EVENT_STATUS, NG_ARTICLE, NG_SENTENCE, NG_MENTION, NG_ENTITY_MENTION,
  NG_MEETING_MENTION, NG_SANCTION_MENTION, NG_STATUS_REPORT, NG_STATUS_REPORT_P,
  NG_IMPOSE, NG_LIFT, NG_EASE, NG_TIGHTEN, NG_DEMAND_LIFT, NG_REFUSE_LIFT,
  NG_THREATEN, NG_PLANNED, NG_HELD, NG_CANCELLED, NG_FAILED,
  NG_TARGET, NG_IMPOSER, NG_ACTOR, NG_ACTION, NG_SANCTION_P, NG_STATUS,
  NG_MENTION_COUNT, NG_REFERS_TO, NG_SURFACE_FORM, NG_IN_SENTENCE,
  NG_IN_ARTICLE, NG_SENTENCE_INDEX, NG_BYTE_OFFSET, NG_CHAR_OFFSET, NG_TEXT,
  NG_PARTICIPANT, NG_MENTION_DATE, NG_MENTION_PLACE, NG_TRIGGER,
  NG_CONTENT_HASH, NG_SOURCE_FILE, NG_EVIDENCE,
  NULL
};

const char *const *
ng_vocab_terms (void)
{
  return terms;
}

static const NgPrefix prefixes[] = {
  { "ng", NG_NS },
  { "schema", NG_SCHEMA_NS },
  { "rdf", NG_RDF_NS },
  { "rdfs", NG_RDFS_NS },
  { "xsd", NG_XSD_NS },
  { "owl", NG_OWL_NS },
  { "prov", NG_PROV_NS },
  { "dcterms", NG_DCT_NS },
  { "sem", NG_SEM_NS },
  { "wd", NG_WD_NS },
  { NULL, NULL }
};

const NgPrefix *
ng_vocab_prefixes (void)
{
  return prefixes;
}

const char *
ng_vocab_sparql_prologue (void)
{
  static gsize once = 0;
  static char *prologue = NULL;

  if (g_once_init_enter (&once))
    {
      GString *s = g_string_new (NULL);
      for (const NgPrefix *p = prefixes; p->prefix; p++)
        g_string_append_printf (s, "PREFIX %s: <%s>\n", p->prefix, p->iri);
      prologue = g_string_free (s, FALSE);
      g_once_init_leave (&once, 1);
    }
  return prologue;
}
