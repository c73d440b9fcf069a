/* extract.h — mentions of persons, places and organisations, meetings and
 * sanction events found in one article.  Pure function of the article and
 * the reference data. */
#ifndef NIEUWSGRAAF_EXTRACT_H
#define NIEUWSGRAAF_EXTRACT_H

#include <glib.h>
#include "nieuwsgraaf/date.h"
#include "nieuwsgraaf/gazetteer.h"
#include "nieuwsgraaf/reader.h"
#include "nieuwsgraaf/segment.h"

G_BEGIN_DECLS

typedef struct {
  NgEntityKind kind;
  const NgEntity *entity;  /* reference entity, or NULL for an unlisted name */
  char *name;              /* canonical name */
  char *surface;           /* the text as written */
  gboolean by_role;        /* found through a role phrase or pronoun-like form */
  guint sentence;          /* sentence index */
  gsize start, end;        /* byte offsets in the article text */
  char *explain;           /* the rule that found it (for --explain) or NULL */
} NgMention;

typedef enum {
  NG_STATUS_HELD,
  NG_STATUS_PLANNED,
  NG_STATUS_CANCELLED,
  NG_STATUS_FAILED         /* took place without result ("mislukt",
                              "zonder akkoord") */
} NgEventStatus;

typedef struct {
  GPtrArray *participants; /* NgMention* (borrowed from the extraction) */
  NgMention *place;        /* or NULL */
  NgDate date;             /* NONE when the text gives none */
  NgEventStatus status;
  char *trigger;
  guint sentence;
  char *explain;           /* the rules behind participants, status, place, date */
} NgMeetingMention;

typedef enum {
  NG_ACTION_IMPOSE,
  NG_ACTION_LIFT,
  NG_ACTION_EASE,
  NG_ACTION_TIGHTEN,
  NG_ACTION_DEMAND_LIFT,
  NG_ACTION_REFUSE_LIFT,
  NG_ACTION_THREATEN
} NgSanctionAction;

typedef struct {
  gboolean has_action;     /* FALSE: the sentence names a regime, no act */
  NgSanctionAction action;
  NgMention *actor;        /* may be NULL */
  NgMention *target;       /* never NULL */
  NgMention *imposer;      /* may be NULL */
  NgDate date;
  char *trigger;
  guint sentence;
  char *explain;           /* the rules behind action, actor, target, imposer */
} NgSanctionMention;

typedef struct {
  GPtrArray *sentences;    /* NgSentence* */
  GPtrArray *mentions;     /* NgMention*, in text order */
  GPtrArray *meetings;     /* NgMeetingMention* */
  GPtrArray *sanctions;    /* NgSanctionMention* */
} NgExtraction;

/* Never fails: an article with nothing recognisable gives empty arrays. */
NgExtraction *ng_extract (const NgGazetteer *gaz, const NgArticle *article);
void ng_extraction_free (NgExtraction *ex);

const char *ng_sanction_action_name (NgSanctionAction action); /* "Impose" … */
const char *ng_event_status_name (NgEventStatus status);       /* "Held" … */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NgExtraction, ng_extraction_free)

G_END_DECLS

#endif
