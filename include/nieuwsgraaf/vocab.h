/* vocab.h — the IRIs nieuwsgraaf writes.
 *
 * Every NG_ term here must be defined in ontology/nieuwsgraaf.ttl (with an
 * rdfs:label in Dutch and English); tests/test-vocab checks that against the
 * ontology file so the two cannot drift.  ng_vocab_terms() lists them.
 */
#ifndef NIEUWSGRAAF_VOCAB_H
#define NIEUWSGRAAF_VOCAB_H

#include <glib.h>

G_BEGIN_DECLS

#define NG_NS          "https://w3id.org/nieuwsgraaf/ontology#"
#define NG_ID_BASE     "https://w3id.org/nieuwsgraaf/id/"
#define NG_SCHEMA_NS   "http://schema.org/"
#define NG_RDF_NS      "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NG_RDFS_NS     "http://www.w3.org/2000/01/rdf-schema#"
#define NG_XSD_NS      "http://www.w3.org/2001/XMLSchema#"
#define NG_OWL_NS      "http://www.w3.org/2002/07/owl#"
#define NG_PROV_NS     "http://www.w3.org/ns/prov#"
#define NG_DCT_NS      "http://purl.org/dc/terms/"
#define NG_SEM_NS      "http://semanticweb.cs.vu.nl/2009/11/sem/"
#define NG_WD_NS       "http://www.wikidata.org/entity/"

/* ng: classes */
#define NG_MEETING              NG_NS "Meeting"
#define NG_SANCTION             NG_NS "Sanction"
#define NG_SANCTION_EVENT       NG_NS "SanctionEvent"
#define NG_SANCTION_ACTION      NG_NS "SanctionAction"
#define NG_EVENT_STATUS         NG_NS "EventStatus"
#define NG_ARTICLE              NG_NS "Article"
#define NG_SENTENCE             NG_NS "Sentence"
#define NG_MENTION              NG_NS "Mention"
#define NG_ENTITY_MENTION       NG_NS "EntityMention"
#define NG_MEETING_MENTION      NG_NS "MeetingMention"
#define NG_SANCTION_MENTION     NG_NS "SanctionMention"
#define NG_STATUS_REPORT        NG_NS "StatusReport"

/* ng: individuals */
#define NG_IMPOSE               NG_NS "Impose"
#define NG_LIFT                 NG_NS "Lift"
#define NG_EASE                 NG_NS "Ease"
#define NG_TIGHTEN              NG_NS "Tighten"
#define NG_DEMAND_LIFT          NG_NS "DemandLift"
#define NG_REFUSE_LIFT          NG_NS "RefuseLift"
#define NG_THREATEN             NG_NS "Threaten"
#define NG_PLANNED              NG_NS "Planned"
#define NG_HELD                 NG_NS "Held"
#define NG_CANCELLED            NG_NS "Cancelled"
#define NG_FAILED               NG_NS "Failed"

/* ng: properties */
#define NG_TARGET               NG_NS "target"
#define NG_IMPOSER              NG_NS "imposer"
#define NG_ACTOR                NG_NS "actor"
#define NG_ACTION               NG_NS "action"
#define NG_SANCTION_P           NG_NS "sanction"
#define NG_STATUS               NG_NS "status"
#define NG_STATUS_REPORT_P      NG_NS "statusReport"
#define NG_MENTION_COUNT        NG_NS "mentionCount"
#define NG_REFERS_TO            NG_NS "refersTo"
#define NG_SURFACE_FORM         NG_NS "surfaceForm"
#define NG_IN_SENTENCE          NG_NS "inSentence"
#define NG_IN_ARTICLE           NG_NS "inArticle"
#define NG_SENTENCE_INDEX       NG_NS "sentenceIndex"
#define NG_BYTE_OFFSET          NG_NS "byteOffset"
#define NG_CHAR_OFFSET          NG_NS "charOffset"
#define NG_TEXT                 NG_NS "text"
#define NG_PARTICIPANT          NG_NS "participant"
#define NG_MENTION_DATE         NG_NS "mentionDate"
#define NG_MENTION_PLACE        NG_NS "mentionPlace"
#define NG_TRIGGER              NG_NS "trigger"
#define NG_CONTENT_HASH         NG_NS "contentHash"
#define NG_SOURCE_FILE          NG_NS "sourceFile"
#define NG_EVIDENCE             NG_NS "evidence"

/* external terms (schema.org, PROV-O, Dublin Core, OWL) */
#define NG_SCHEMA_PERSON        NG_SCHEMA_NS "Person"
#define NG_SCHEMA_PLACE         NG_SCHEMA_NS "Place"
#define NG_SCHEMA_COUNTRY       NG_SCHEMA_NS "Country"
#define NG_SCHEMA_CITY          NG_SCHEMA_NS "City"
#define NG_SCHEMA_ORGANIZATION  NG_SCHEMA_NS "Organization"
#define NG_SCHEMA_NAME          NG_SCHEMA_NS "name"
#define NG_SCHEMA_ALTERNATE_NAME NG_SCHEMA_NS "alternateName"
#define NG_SCHEMA_ATTENDEE      NG_SCHEMA_NS "attendee"
#define NG_SCHEMA_START_DATE    NG_SCHEMA_NS "startDate"
#define NG_SCHEMA_LOCATION      NG_SCHEMA_NS "location"
#define NG_SCHEMA_LATITUDE      NG_SCHEMA_NS "latitude"
#define NG_SCHEMA_LONGITUDE     NG_SCHEMA_NS "longitude"
#define NG_SCHEMA_CONTAINED_IN  NG_SCHEMA_NS "containedInPlace"
#define NG_SCHEMA_DESCRIPTION   NG_SCHEMA_NS "description"
#define NG_RDF_TYPE             NG_RDF_NS "type"
#define NG_RDFS_LABEL           NG_RDFS_NS "label"
#define NG_OWL_SAME_AS          NG_OWL_NS "sameAs"
#define NG_PROV_DERIVED_FROM    NG_PROV_NS "wasDerivedFrom"
#define NG_DCT_DATE             NG_DCT_NS "date"
#define NG_DCT_TITLE            NG_DCT_NS "title"
#define NG_DCT_SOURCE           NG_DCT_NS "source"
#define NG_XSD_DATE             NG_XSD_NS "date"
#define NG_XSD_GYEARMONTH       NG_XSD_NS "gYearMonth"
#define NG_XSD_GYEAR            NG_XSD_NS "gYear"
#define NG_XSD_INTEGER          NG_XSD_NS "integer"
#define NG_XSD_DECIMAL          NG_XSD_NS "decimal"

/* The ng: terms above (NULL-terminated), for the ontology consistency test. */
const char *const *ng_vocab_terms (void);

/* Prefixes used in Turtle output and prepended to SPARQL queries. */
typedef struct {
  const char *prefix;
  const char *iri;
} NgPrefix;

const NgPrefix *ng_vocab_prefixes (void); /* terminated by {NULL, NULL} */

/* "PREFIX a: <...>\n..." for every known prefix; static string. */
const char *ng_vocab_sparql_prologue (void);

G_END_DECLS

#endif
